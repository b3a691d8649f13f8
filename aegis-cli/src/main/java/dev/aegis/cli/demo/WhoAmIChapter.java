package dev.aegis.cli.demo;

import dev.aegis.cli.support.Formats;
import dev.aegis.client.WhoAmI;
import java.util.List;

/** Asks the server who the agent key is. */
final class WhoAmIChapter implements DemoChapter {
  @Override
  public String title() {
    return "Who am I";
  }

  @Override
  public String why() {
    return "An agent sends its key as 'Authorization: Bearer <key>'. The server knows from the key alone which "
        + "tenant the agent acts for and with which roles; the agent cannot claim another.";
  }

  @Override
  public void run(Demo demo) {
    demo.narrator().call("GET /api/v1/whoami", "as support-bot");
    WhoAmI me = demo.expectOk("whoami with the agent key", () -> demo.as("support-bot").whoami());
    String acme = demo.tenant("acme").name();
    demo.check(acme.equals(me.tenantName()), "whoami to name tenant " + acme + ", was " + me.tenantName());
    demo.check(List.of("agent").equals(me.roles()), "whoami to show the roles [agent], was " + me.roles());
    demo.check(!me.system(), "an agent key not to be the system key");
    demo.narrator().ok(
        "tenant " + me.tenantName() + ", id " + me.tenantId(),
        "key " + me.keyName() + ", id " + me.keyId(),
        "roles " + Formats.roles(me.roles()));
  }
}
