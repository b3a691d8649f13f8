package dev.aegis.cli.audit;

import dev.aegis.cli.support.CliContext;
import dev.aegis.cli.support.Json;
import dev.aegis.cli.support.Lists;
import dev.aegis.cli.support.OutputFormat;
import dev.aegis.cli.support.PageOptions;
import dev.aegis.cli.support.Table;
import dev.aegis.client.AuditEntry;
import dev.aegis.client.AuditFilter;
import dev.aegis.client.Page;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code aegis audit}: list, verify and export the tamper-evident audit log of a tenant. */
@Command(
    name = "audit",
    description = {
      "List, verify and export the audit log: every change to tenants, keys, policies, rate caps,",
      "settings, budgets and webhooks, chained by hashes so that no one can rewrite it unseen.",
      "Needs an admin, operator or approver key; the system admin key names a --tenant.",
      "The format and what it protects against: docs/audit.md."
    },
    synopsisSubcommandLabel = "COMMAND",
    subcommands = {AuditCommand.ListEntries.class, VerifyCommand.class, ExportCommand.class},
    footerHeading = "%nExamples:%n",
    footer = {
      "  aegis audit list --action 'policy.*' --since -7d",
      "  aegis audit verify",
      "  aegis audit export --out audit.jsonl",
      "",
      "Exit status of verify and export: 3 when the chain is broken (see docs/audit.md)."
    })
public final class AuditCommand implements Runnable {
  /** The chain does not check out: {@code verify} found a broken entry, or an export stops short of the head. */
  public static final int BROKEN = 3;

  private static final DateTimeFormatter MINUTE =
      DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm").withZone(ZoneOffset.UTC);

  private final CliContext context;

  @Spec CommandSpec spec;

  AuditCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public void run() {
    spec.commandLine().usage(context.out());
  }

  /**
   * Two lines per entry, so that two ids fit 80 columns: the entry (sequence, time, action, object id), then who
   * made it under which request.
   */
  public static List<String> table(List<AuditEntry> entries, int width) {
    Table table = new Table().column("SEQ").column("TIME (UTC)").flexibleColumn("ACTION").column("OBJECT");
    entries.forEach(e -> table.row(e.sequence(), e.at() == null ? "" : MINUTE.format(e.at()), e.action(),
        e.objectId()));
    List<String> rows = table.render(width);
    List<String> lines = new ArrayList<>();
    lines.add(rows.getFirst());
    for (int i = 0; i < entries.size(); i++) {
      AuditEntry e = entries.get(i);
      lines.add(rows.get(i + 1));
      lines.add("      by " + e.actor() + (e.requestId() == null ? "" : ", request " + e.requestId()));
    }
    return lines;
  }

  @Command(
      name = "list",
      description = {
        "List the tenant's audit entries, newest first, each with who made the change and the",
        "request that made it. -o json adds the object before and after, and the hashes."
      },
      footerHeading = "%nExamples:%n",
      footer = {
        "  aegis audit list",
        "  aegis audit list --action key.revoked --limit 10",
        "  aegis audit list --action 'policy.*' --object-id support --since -7d",
        "  aegis audit list --actor key_01jd8k2m3n4p5q6r7s8t9v0w1x --all -o json",
        "  aegis audit list --tenant acme           (with the system admin key)"
      })
  static final class ListEntries implements Callable<Integer> {
    private final CliContext context;

    @Option(names = "--actor", paramLabel = "KEY_ID", description = "Changes made by this key, or by system.")
    String actor;

    @Option(
        names = "--action",
        paramLabel = "ACTION",
        description = "Such as key.created, or every action of a kind: 'policy.*'.")
    String action;

    @Option(names = "--object-type", paramLabel = "TYPE", description = "Such as key, policy or webhook.")
    String objectType;

    @Option(names = "--object-id", paramLabel = "ID", description = "Changes to this object.")
    String objectId;

    @Option(
        names = "--since",
        paramLabel = "TIME",
        description = "At or after TIME: 2026-11-24T12:00:00Z, or back from now: -1h, -7d.")
    String since;

    @Option(names = "--until", paramLabel = "TIME", description = "Before TIME, in the same forms.")
    String until;

    @Mixin TenantOption tenant;

    @Mixin PageOptions paging;

    ListEntries(CliContext context) {
      this.context = context;
    }

    @Override
    public Integer call() {
      AuditFilter filter =
          new AuditFilter(actor, action, objectType, objectId, since, until, tenant.tenant());
      Page<AuditEntry> page = Lists.fetch(paging, query -> context.client().audit().list(filter, query));
      if (context.output() == OutputFormat.JSON) {
        context.out().println(Json.pretty(page));
      } else if (page.items().isEmpty()) {
        context.out().println(filter.withTenant(null).equals(AuditFilter.any()) ? "The audit log is empty."
            : "No audit entries match.");
      } else {
        context.print(table(page.items(), context.width()));
      }
      context.out().flush();
      Lists.moreHint(context, page, command());
      return 0;
    }

    private String command() {
      List<String> words = new ArrayList<>(List.of("aegis", "audit", "list"));
      add(words, "--actor", actor);
      add(words, "--action", action == null ? null : "'" + action + "'");
      add(words, "--object-type", objectType);
      add(words, "--object-id", objectId);
      add(words, "--since", since);
      add(words, "--until", until);
      add(words, "--tenant", tenant.tenant());
      if (paging.query().limit() != null) {
        add(words, "--limit", paging.query().limit().toString());
      }
      return String.join(" ", words);
    }

    private static void add(List<String> words, String option, String value) {
      if (value != null) {
        words.add(option);
        words.add(value);
      }
    }
  }
}
