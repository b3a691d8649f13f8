package dev.aegis.cli.ratecaps;

import dev.aegis.cli.support.CliContext;
import dev.aegis.cli.support.ExitCodes;
import dev.aegis.cli.support.Fields;
import dev.aegis.cli.support.Formats;
import dev.aegis.cli.support.Json;
import dev.aegis.cli.support.Lists;
import dev.aegis.cli.support.OutputFormat;
import dev.aegis.cli.support.PageOptions;
import dev.aegis.cli.support.Table;
import dev.aegis.cli.support.UsageException;
import dev.aegis.client.Page;
import dev.aegis.client.RateCap;
import dev.aegis.client.RateCapSpec;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code aegis ratecaps}: raise or lower a connector's rate cap at runtime, for a while. */
@Command(
    name = "ratecaps",
    description = {
      "Override a connector's rate cap at runtime, for a while.",
      "For one agent or every agent (*), until it expires, the override replaces the policies' "
          + "rate_limit_per_min, up or down, from the next decision on. Lower it when an upstream struggles; "
          + "raise it when a backlog must drain. Needs an operator or admin key."
    },
    synopsisSubcommandLabel = "COMMAND",
    subcommands = {RateCapsCommand.Set.class, RateCapsCommand.ListCaps.class, RateCapsCommand.Delete.class},
    footerHeading = "%nExamples:%n",
    footer = {
      "  aegis ratecaps set --agent '*' --connector db --limit 5 --for 1h \\",
      "      --reason 'db failing over'",
      "  aegis ratecaps list",
      "  aegis ratecaps delete cap_01m88asr1vmxx83x638wg0r2qt  back to the policies' cap"
    })
public final class RateCapsCommand implements Runnable {
  private final CliContext context;

  @Spec CommandSpec spec;

  RateCapsCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public void run() {
    spec.commandLine().usage(context.out());
  }

  /** The overrides, one a row; a reason on the line under its row, since ids and times are never cut. */
  static List<String> table(List<RateCap> caps, int width) {
    Table table = new Table().column("ID").flexibleColumn("AGENT").flexibleColumn("CONNECTOR").column("PER MIN")
        .column("EXPIRES (UTC)");
    caps.forEach(c -> table.row(c.id(), c.agentId(), c.connector(), c.limitPerMin(), Formats.time(c.expiresAt(), "")));
    List<String> rows = table.render(width);
    List<String> lines = new ArrayList<>();
    lines.add(rows.getFirst());
    for (int i = 0; i < caps.size(); i++) {
      lines.add(rows.get(i + 1));
      String reason = caps.get(i).reason();
      if (reason != null && !reason.isBlank()) {
        lines.add("    \"" + reason.replaceAll("[\\r\\n\\t]+", " ") + "\"");
      }
    }
    return lines;
  }

  static List<String> fields(RateCap cap) {
    return new Fields()
        .add("id", cap.id())
        .add("agent", RateCap.EVERY_AGENT.equals(cap.agentId()) ? "* (every agent)" : cap.agentId())
        .add("connector", cap.connector())
        .add("calls a minute", cap.limitPerMin())
        .add("reason", cap.reason() == null ? "-" : cap.reason())
        .add("set by", cap.source() + (cap.actor() == null ? "" : " " + cap.actor()))
        .add("set at", Formats.time(cap.createdAt(), ""))
        .add("expires at", Formats.time(cap.expiresAt(), ""))
        .render();
  }

  @Command(
      name = "set",
      description = {
        "Set an override until it expires.",
        "The agent (or every agent, with '*') may call the connector at most --limit times a minute, "
            + "whatever the policies say. It must expire: give --for or --until (at most 30 days). A new "
            + "override for the same agent and connector replaces the old one. An agent's own override wins "
            + "over a '*' one."
      },
      footerHeading = "%nExamples:%n",
      footer = {
        "  aegis ratecaps set --agent '*' --connector db --limit 5 --for 1h \\",
        "      --reason 'db failing over'",
        "  aegis ratecaps set --agent summarizer-12 --connector s3 --limit 600 \\",
        "      --until 2026-11-26T06:00:00Z"
      })
  static final class Set implements Callable<Integer> {
    private final CliContext context;

    @Option(names = "--agent", required = true, paramLabel = "AGENT_ID", description = "An agent id, or '*' for all.")
    String agentId;

    @Option(names = "--connector", required = true, paramLabel = "NAME", description = "The connector, such as db.")
    String connector;

    @Option(names = "--limit", required = true, paramLabel = "N", description = "Calls a minute, from 1.")
    int limit;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Expiry expiry;

    @Option(names = "--reason", paramLabel = "TEXT", description = "Why, for whoever looks next.")
    String reason;

    /** Exactly one of the two. */
    static final class Expiry {
      @Option(names = "--for", paramLabel = "DURATION", description = "How long: 90s, 15m, 2h, 1d...")
      String duration;

      @Option(names = "--until", paramLabel = "TIME", description = "Until when, such as 2026-11-26T06:00:00Z.")
      String until;
    }

    Set(CliContext context) {
      this.context = context;
    }

    @Override
    public Integer call() {
      RateCapSpec spec = RateCapSpec.of(agentId, connector, limit).withReason(reason);
      if (expiry.duration != null) {
        spec = spec.expiresIn(expiry.duration);
      } else {
        try {
          spec = spec.expiresAt(Instant.parse(expiry.until));
        } catch (DateTimeParseException e) {
          throw new UsageException("--until is a time such as 2026-11-26T06:00:00Z, was '" + expiry.until + "'");
        }
      }
      RateCap cap = context.client().rateCaps().create(spec);
      if (context.output() == OutputFormat.JSON) {
        context.out().println(Json.pretty(cap));
      } else {
        context.out().println("Set: " + (RateCap.EVERY_AGENT.equals(cap.agentId()) ? "every agent" : cap.agentId())
            + " may call " + cap.connector() + " " + cap.limitPerMin() + " times a minute until "
            + Formats.time(cap.expiresAt(), "") + ".");
        context.print(fields(cap).stream().map(line -> "  " + line).toList());
        context.out().println("End it early: aegis ratecaps delete " + cap.id());
      }
      context.out().flush();
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "list",
      description = "List the overrides in force (expired ones are gone).",
      footerHeading = "%nExamples:%n",
      footer = {"  aegis ratecaps list", "  aegis ratecaps list -o json"})
  static final class ListCaps implements Callable<Integer> {
    private final CliContext context;

    @Mixin PageOptions paging;

    ListCaps(CliContext context) {
      this.context = context;
    }

    @Override
    public Integer call() {
      Page<RateCap> page = Lists.fetch(paging, context.client().rateCaps()::list);
      if (context.output() == OutputFormat.JSON) {
        context.out().println(Json.pretty(page));
      } else if (page.items().isEmpty()) {
        context.out().println("No overrides in force: every connector has the cap its policies give it.");
      } else {
        context.print(table(page.items(), context.width()));
      }
      context.out().flush();
      Lists.moreHint(context, page, "aegis ratecaps list");
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "delete",
      description = {
        "End an override now.",
        "The policies' cap applies again from the next decision. Prints nothing with -o json (the server "
            + "answers 204)."
      },
      footerHeading = "%nExample:%n",
      footer = "  aegis ratecaps delete cap_01m88asr1vmxx83x638wg0r2qt")
  static final class Delete implements Callable<Integer> {
    private final CliContext context;

    @Parameters(paramLabel = "OVERRIDE_ID", description = "The override's id (cap_...).")
    String id;

    Delete(CliContext context) {
      this.context = context;
    }

    @Override
    public Integer call() {
      context.client().rateCaps().delete(id);
      if (context.output() != OutputFormat.JSON) {
        context.out().println("Deleted override " + id + "; the policies' cap applies again.");
      }
      context.out().flush();
      return ExitCodes.OK;
    }
  }
}
