package dev.aegis.cli.demo;

import dev.aegis.cli.audit.AuditCommand;
import dev.aegis.client.AuditEntry;
import dev.aegis.client.AuditFilter;
import dev.aegis.client.AuditVerification;
import java.util.List;

/** Reads back what the demo changed in acme's audit log, and has the server verify the chain. */
final class AuditChapter implements DemoChapter {
  private static final int WIDTH = 74;

  @Override
  public String title() {
    return "The audit log";
  }

  @Override
  public String why() {
    return "Every change to tenants, keys, policies, caps, settings, budgets and webhooks is recorded with who "
        + "made it, in the same transaction as the change. The entries are chained by keyed hashes, so that not "
        + "even someone with write access to the database can rewrite history unseen.";
  }

  @Override
  public void run(Demo demo) {
    Narrator say = demo.narrator();
    String acme = demo.tenant("acme").name();
    String adminId = demo.key("acme-admin").id();
    String agentId = demo.key("support-bot").id();

    say.call("GET /api/v1/audit", "as acme-admin");
    List<AuditEntry> entries = demo.expectOk("reading the audit log",
        () -> demo.as("acme-admin").audit().listAll(AuditFilter.any()).toList());
    demo.check(entries.stream().anyMatch(e -> e.action().equals("tenant.created") && e.actor().equals("system")),
        "the tenant's creation by the system admin in its log");
    demo.check(entries.stream().anyMatch(e -> e.action().equals("key.created") && e.objectId().equals(agentId)
        && e.actor().equals(adminId)), "the agent key's creation by acme-admin in the log");
    demo.check(entries.stream().anyMatch(e -> e.action().equals("key.revoked") && e.objectId().equals(agentId)),
        "the agent key's revocation in the log");
    demo.check(entries.stream().noneMatch(e -> String.valueOf(e.after()).contains(demo.key("support-bot").secret())),
        "no key secret in the log");
    say.ok(entries.size() + " entries in " + acme + "'s log, newest first, without a secret:");
    say.lines(AuditCommand.table(entries, WIDTH).stream().map(line -> "    " + line).toList());

    say.call("GET /api/v1/audit/verify", "as acme-admin");
    AuditVerification verified = demo.expectOk("verifying the chain", () -> demo.as("acme-admin").audit().verify());
    demo.check(verified.ok(), "the chain to verify");
    demo.check(verified.entriesChecked() == entries.size(), "every entry to be checked");
    say.ok("intact: " + verified.entriesChecked() + " entries recomputed, each hash over the one before");
    say.fact("head", "entry " + verified.head().sequence());
    say.fact("head hash", verified.head().hash());
    say.note("Had someone changed an entry in the database, aegis audit verify would name it and exit 3. "
        + "Keep the head: a later one that does not extend it means history was rolled back. docs/audit.md "
        + "shows the chain byte by byte, and how to verify an export offline.");
  }
}
