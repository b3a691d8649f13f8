package dev.aegis.cli.keys;

import dev.aegis.cli.support.CliContext;
import dev.aegis.cli.support.Fields;
import dev.aegis.cli.support.Formats;
import dev.aegis.cli.support.Json;
import dev.aegis.cli.support.OutputFormat;
import dev.aegis.client.WhoAmI;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code aegis whoami}: who the server takes the current key to be. */
@Command(
    name = "whoami",
    description = "Show which tenant, key and roles the server sees for the current key.",
    footerHeading = "%nExamples:%n",
    footer = {"  aegis whoami", "  AEGIS_KEY=aegis_... aegis whoami -o json"})
public final class WhoamiCommand implements Callable<Integer> {
  private final CliContext context;

  WhoamiCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    WhoAmI me = context.client().whoami();
    if (context.output() == OutputFormat.JSON) {
      context.out().println(Json.pretty(me));
    } else {
      context.print(fields(me));
    }
    context.out().flush();
    return 0;
  }

  static List<String> fields(WhoAmI me) {
    if (me.system()) {
      return new Fields()
          .add("key", me.keyName() + " (the system admin key)")
          .add("tenant", "none: it manages every tenant and owns nothing else")
          .add("roles", Formats.roles(me.roles()))
          .render();
    }
    return new Fields()
        .add("key", me.keyName() + " (" + me.keyId() + ")")
        .add("tenant", me.tenantName() + " (" + me.tenantId() + ")")
        .add("roles", Formats.roles(me.roles()))
        .render();
  }
}
