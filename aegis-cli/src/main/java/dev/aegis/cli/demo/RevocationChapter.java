package dev.aegis.cli.demo;

import dev.aegis.cli.support.Formats;
import dev.aegis.client.ApiKeyInfo;

/** Revokes the agent key and shows that it is refused from then on. */
final class RevocationChapter implements DemoChapter {
  @Override
  public String title() {
    return "Revoking a key";
  }

  @Override
  public String why() {
    return "When an agent misbehaves or a secret leaks, revoking its key cuts it off at once, on its very next "
        + "call. The key stays listed, marked revoked, for the record.";
  }

  @Override
  public void run(Demo demo) {
    Narrator say = demo.narrator();
    String acme = demo.tenant("acme").name();
    String agentId = demo.key("support-bot").id();

    say.call("DELETE /api/v1/tenants/" + acme + "/keys/" + agentId, "as acme-admin");
    demo.expectOk(
        "revoking the agent key",
        () -> {
          demo.as("acme-admin").keys().revoke(acme, agentId);
          return null;
        });
    say.ok("revoked");

    say.call("GET /api/v1/whoami", "as support-bot, now revoked");
    demo.expectRefused(401, "unauthenticated", "whoami with a revoked key", () -> demo.as("support-bot").whoami());

    say.call("GET /api/v1/tenants/" + acme + "/keys/" + agentId, "as acme-admin");
    ApiKeyInfo key = demo.expectOk("reading the revoked key", () -> demo.as("acme-admin").keys().get(acme, agentId));
    demo.check(!key.isActive(), "the revoked key to show a revoked_at time");
    say.ok("key " + key.name() + " (" + key.prefix() + ") revoked at " + Formats.time(key.revokedAt(), "?"),
        "it stays listed for the record, and can never authenticate again");
  }
}
