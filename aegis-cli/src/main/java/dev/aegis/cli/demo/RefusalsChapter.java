package dev.aegis.cli.demo;

import dev.aegis.client.AegisApiException;
import dev.aegis.client.FieldError;
import dev.aegis.client.Role;
import java.util.List;

/** Shows the three ways a call is refused: no key (401), a missing role (403), a wrong field (422). */
final class RefusalsChapter implements DemoChapter {
  @Override
  public String title() {
    return "Refusals that say what to fix";
  }

  @Override
  public String why() {
    return "Aegis fails closed, and every refusal is an application/problem+json answer (RFC 9457) with a type, "
        + "a title, a detail and, for bad input, a pointer to the field at fault.";
  }

  @Override
  public void run(Demo demo) {
    String acme = demo.tenant("acme").name();

    demo.narrator().call("GET /api/v1/whoami", "without a key");
    demo.expectRefused(401, "unauthenticated", "whoami without a key", () -> demo.anonymous().whoami());

    demo.narrator().call(
        "POST /api/v1/tenants/" + acme + "/keys {\"name\":\"sneaky\",\"roles\":[\"admin\"]}",
        "as support-bot, an agent");
    demo.expectRefused(
        403,
        "forbidden",
        "an agent key creating a key",
        () -> demo.as("support-bot").keys().create(acme, "sneaky", Role.ADMIN));

    demo.narrator().call(
        "POST /api/v1/tenants/" + acme + "/keys {\"name\":\"root\",\"roles\":[\"superuser\"]}", "as acme-admin");
    AegisApiException invalid =
        demo.expectRefused(
            422,
            "validation",
            "a key with an unknown role",
            () -> demo.as("acme-admin").keys().create(acme, "root", List.of("superuser")));
    demo.check(
        invalid.errors().stream().map(FieldError::pointer).anyMatch("/roles/0"::equals),
        "the 422 to point at /roles/0, it pointed at "
            + invalid.errors().stream().map(FieldError::location).toList());
    demo.narrator().note("Nothing was stored: a refused request leaves no half-made key behind.");
  }
}
