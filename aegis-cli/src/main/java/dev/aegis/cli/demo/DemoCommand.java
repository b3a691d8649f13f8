package dev.aegis.cli.demo;

import dev.aegis.cli.runs.Glyphs;
import dev.aegis.cli.support.CliContext;
import dev.aegis.cli.support.ExitCodes;
import dev.aegis.cli.support.Formats;
import dev.aegis.cli.support.StartFailure;
import dev.aegis.cli.support.UsageException;
import dev.aegis.client.AegisClient;
import dev.aegis.client.WhoAmI;
import dev.aegis.server.config.ConfigException;
import java.io.PrintWriter;
import java.net.URI;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import picocli.CommandLine.Command;

/** {@code aegis demo}: a narrated tour through real calls, on an embedded server or a running one. */
@Command(
    name = "demo",
    description = {
      "A narrated tour through real calls, on a throwaway server.",
      "It shows tenants, keys and roles, refusals (401, 403, 422), tenant isolation, revocation, and an agent "
          + "fleet's telemetry: OpenTelemetry spans sent through the real exporter, the runs and span tree they "
          + "became, and what redaction did to the personal data in them. Then the brief's policy: each kind of "
          + "decision, a change, its diff and a rollback. Without --url it starts its own server on a free port "
          + "with a temporary data directory, and removes both at the end. With --url it uses a running server "
          + "and needs its system admin key (--key, AEGIS_KEY, or ./aegis-data/admin.key); there it creates "
          + "tenants acme-XXXX and globex-XXXX."
    },
    footerHeading = "%nExamples:%n",
    footer = {"  aegis demo", "  aegis demo --url http://127.0.0.1:4318 --key aegis_..."})
public final class DemoCommand implements Callable<Integer> {
  private final CliContext context;

  DemoCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    PrintWriter out = context.out();
    Narrator narrator = new Narrator(out);
    narrator.heading("Aegis demo: tenants, keys, refusals, traced runs, and policies");
    narrator.blank();
    if (context.options().url() != null) {
      return againstRunningServer(narrator);
    }
    narrator.say("Starting an embedded Aegis server on a free port and a fresh, temporary data directory...");
    EmbeddedServer embedded;
    try {
      embedded = EmbeddedServer.start();
    } catch (ConfigException e) {
      context.err().println("error: " + e.getMessage());
      context.err().flush();
      return ExitCodes.USAGE;
    } catch (RuntimeException e) {
      context.err().println("error: the embedded server could not start: " + StartFailure.describe(e));
      context.err().flush();
      return ExitCodes.FAILED;
    }
    try (embedded;
        AegisClient admin = CliContext.newClient(embedded.server().baseUri(), embedded.server().adminKey())) {
      narrator.fact("listening on", embedded.server().baseUri().toString());
      narrator.fact("data in", embedded.dataDir() + " (deleted at the end)");
      narrator.fact("acting as", "the system admin, with the key the server generated");
      narrator.fact("", Formats.secretHint(embedded.server().adminKey()));
      int status = tell(narrator, new Demo(narrator, admin, "", Glyphs.forTerminal(context.env(), false)));
      narrator.blank();
      narrator.say("Stopping the embedded server and deleting its data directory.");
      return status;
    } finally {
      whereNext(narrator);
    }
  }

  private int againstRunningServer(Narrator narrator) {
    URI url = context.url();
    CliContext.ApiKeySource key = context.apiKey();
    if (!key.present()) {
      throw new UsageException(
          "the demo creates tenants, so with --url it needs the system admin key: pass --key or set AEGIS_KEY");
    }
    AegisClient admin = context.client();
    narrator.say("Using a running Aegis server.");
    narrator.fact("at", url.toString());
    narrator.fact("acting with", "the key from " + key.origin());
    WhoAmI me = admin.whoami();
    if (!me.system()) {
      throw new UsageException(
          "the demo creates tenants, so it needs the system admin key; the key from " + key.origin()
              + " belongs to tenant " + me.tenantName());
    }
    String suffix = HexFormat.of().toHexDigits((short) ThreadLocalRandom.current().nextInt(1 << 16));
    narrator.fact("tenant names", "end in -" + suffix + ", so that they do not collide with earlier runs");
    int status = tell(narrator, new Demo(narrator, admin, suffix, Glyphs.forTerminal(context.env(), false)));
    whereNext(narrator);
    return status;
  }

  private int tell(Narrator narrator, Demo demo) {
    List<DemoChapter> chapters = DemoChapters.all();
    int number = 0;
    for (DemoChapter chapter : chapters) {
      number++;
      narrator.chapter(number, chapter.title(), chapter.why());
      try {
        chapter.run(demo);
      } catch (DemoFailure e) {
        narrator.blank();
        context.err().println("error: the demo stopped in chapter " + number + " (" + chapter.title() + "): "
            + e.getMessage());
        context.err().flush();
        return ExitCodes.FAILED;
      }
    }
    narrator.blank();
    narrator.say("All " + chapters.size() + " chapters answered as the API promises.");
    return ExitCodes.OK;
  }

  private static void whereNext(Narrator narrator) {
    narrator.blank();
    narrator.lines(
        List.of(
            "Where to look next:",
            "  docs/api.md             every endpoint, field and error",
            "  docs/telemetry.md       sending spans, and debugging a run from its tree",
            "  docs/policies.md        the policy format, decisions, tests and simulations",
            "  docs/configuration.md   every setting and its environment variable",
            "  ./aegis server          run Aegis for real (data in ./aegis-data)",
            "  ./aegis --help          all commands, each with examples"));
  }
}
