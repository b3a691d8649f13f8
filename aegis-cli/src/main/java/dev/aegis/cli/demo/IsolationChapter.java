package dev.aegis.cli.demo;

import dev.aegis.client.CreatedKey;
import dev.aegis.client.Role;
import dev.aegis.client.Tenant;

/** A second tenant's admin key cannot see the first tenant: 404, as if it did not exist. */
final class IsolationChapter implements DemoChapter {
  @Override
  public String title() {
    return "Tenant isolation";
  }

  @Override
  public String why() {
    return "Tenants never see each other's data. Another tenant's object answers 404, exactly as if it did "
        + "not exist, so a key cannot even learn which names are taken.";
  }

  @Override
  public void run(Demo demo) {
    Narrator say = demo.narrator();
    String acme = demo.tenant("acme").name();
    String globex = demo.tenantName("globex");

    say.call("POST /api/v1/tenants {\"name\":\"" + globex + "\"}", Demo.SYSTEM_ADMIN);
    Tenant tenant = demo.expectOk("creating tenant " + globex, () -> demo.admin().tenants().create(globex));
    say.ok("tenant " + tenant.name() + ", id " + tenant.id());
    demo.remember("globex", tenant);

    say.call(
        "POST /api/v1/tenants/" + globex + "/keys {\"name\":\"globex-admin\",\"roles\":[\"admin\"]}",
        Demo.SYSTEM_ADMIN);
    CreatedKey admin =
        demo.expectOk(
            "creating globex's admin key", () -> demo.admin().keys().create(globex, "globex-admin", Role.ADMIN));
    say.ok("key " + admin.name() + ", id " + admin.id(), "prefix " + admin.prefix() + ", roles admin");
    demo.remember("globex-admin", admin);

    say.call("GET /api/v1/tenants/" + acme, "as globex-admin");
    demo.expectRefused(
        404, "not-found", "globex's admin reading tenant acme", () -> demo.as("globex-admin").tenants().get(acme));

    String agentId = demo.key("support-bot").id();
    say.call("GET /api/v1/tenants/" + acme + "/keys/" + agentId, "as globex-admin");
    demo.expectRefused(
        404,
        "not-found",
        "globex's admin reading an acme key",
        () -> demo.as("globex-admin").keys().get(acme, agentId));
  }
}
