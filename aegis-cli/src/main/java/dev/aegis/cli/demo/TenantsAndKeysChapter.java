package dev.aegis.cli.demo;

import dev.aegis.cli.support.Formats;
import dev.aegis.client.CreatedKey;
import dev.aegis.client.Role;
import dev.aegis.client.Tenant;

/** Creates the tenant acme, an admin key for it, and an agent key made with that admin key. */
final class TenantsAndKeysChapter implements DemoChapter {
  @Override
  public String title() {
    return "Tenants and keys";
  }

  @Override
  public String why() {
    return "A tenant is the unit of isolation: every key, policy and run belongs to exactly one. Keys carry roles "
        + "(agent, operator, approver, admin) that decide what they may do inside their tenant.";
  }

  @Override
  public void run(Demo demo) {
    Narrator say = demo.narrator();
    String acme = demo.tenantName("acme");

    say.call("POST /api/v1/tenants {\"name\":\"" + acme + "\"}", Demo.SYSTEM_ADMIN);
    Tenant tenant = demo.expectOk("creating tenant " + acme, () -> demo.admin().tenants().create(acme));
    demo.check(acme.equals(tenant.name()), "the new tenant to be named " + acme + ", was " + tenant.name());
    demo.check(tenant.id() != null && tenant.id().startsWith("ten_"), "a tenant id starting with ten_");
    say.ok("tenant " + tenant.name() + ", id " + tenant.id());
    demo.remember("acme", tenant);

    say.call(
        "POST /api/v1/tenants/" + acme + "/keys {\"name\":\"acme-admin\",\"roles\":[\"admin\"]}", Demo.SYSTEM_ADMIN);
    CreatedKey admin =
        demo.expectOk("creating an admin key", () -> demo.admin().keys().create(acme, "acme-admin", Role.ADMIN));
    describe(demo, admin);
    say.note("The secret (" + Formats.secretHint(admin.secret()) + ") is in this answer and never again: "
        + "Aegis stores only its hash.");
    demo.remember("acme-admin", admin);

    say.call(
        "POST /api/v1/tenants/" + acme + "/keys {\"name\":\"support-bot\",\"roles\":[\"agent\"]}", "as acme-admin");
    CreatedKey agent =
        demo.expectOk(
            "creating an agent key with the tenant's admin key",
            () -> demo.as("acme-admin").keys().create(acme, "support-bot", Role.AGENT));
    describe(demo, agent);
    say.note("A tenant's own admin key manages its keys; the system admin key is not needed for that.");
    demo.remember("support-bot", agent);
  }

  private static void describe(Demo demo, CreatedKey key) {
    demo.check(key.secret() != null && key.prefix() != null && key.secret().startsWith(key.prefix()),
        "the new key's secret to start with its prefix");
    demo.narrator().ok(
        "key " + key.name() + ", id " + key.id(), "prefix " + key.prefix() + ", roles " + Formats.roles(key.roles()));
  }
}
