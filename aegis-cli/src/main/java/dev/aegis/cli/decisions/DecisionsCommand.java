package dev.aegis.cli.decisions;

import dev.aegis.cli.support.CliContext;
import dev.aegis.cli.support.ExitCodes;
import dev.aegis.cli.support.Json;
import dev.aegis.cli.support.Lists;
import dev.aegis.cli.support.OutputFormat;
import dev.aegis.cli.support.PageOptions;
import dev.aegis.cli.support.UsageException;
import dev.aegis.client.DecisionFilter;
import dev.aegis.client.LoggedDecision;
import dev.aegis.client.Page;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code aegis decisions}: ask for a decision, and read the decision log. */
@Command(
    name = "decisions",
    description = {
      "Ask the decision point, and read the decision log.",
      "The log keeps every deny, approval and rate limit, and allows at the server's sample rate "
          + "(policy.allow_log_sample_rate), each with its inputs (redacted), reasons and policy versions. "
          + "Reading it needs an admin, operator or approver key."
    },
    synopsisSubcommandLabel = "COMMAND",
    subcommands = {DecideCommand.class, DecisionsCommand.ListDecisions.class, DecisionsCommand.Show.class},
    footerHeading = "%nExamples:%n",
    footer = {
      "  aegis decisions list --outcome deny --from -1h   refused in the last hour",
      "  aegis decisions list --agent summarizer-12 --run run-20260529-01",
      "  aegis decisions show dec_01m88asfy6ep8y21f4avg1sm1e"
    })
public final class DecisionsCommand implements Runnable {
  private static final Pattern RELATIVE = Pattern.compile("-([1-9][0-9]{0,6})([smhd])");

  private final CliContext context;

  @Spec CommandSpec spec;

  DecisionsCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public void run() {
    spec.commandLine().usage(context.out());
  }

  /** An RFC 3339 time, or one back from now such as {@code -15m}, {@code -2h}, {@code -7d}; null stays null. */
  static Instant time(String text, String option, Clock clock) {
    if (text == null) {
      return null;
    }
    Matcher relative = RELATIVE.matcher(text.strip());
    if (relative.matches()) {
      long n = Long.parseLong(relative.group(1));
      Duration back = switch (relative.group(2)) {
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        case "h" -> Duration.ofHours(n);
        default -> Duration.ofDays(n);
      };
      return clock.instant().minus(back);
    }
    try {
      return Instant.parse(text.strip());
    } catch (DateTimeParseException e) {
      throw new UsageException(option + " is a time such as 2026-11-25T18:00:00Z, or one back from now such as"
          + " -15m, -2h or -7d; was '" + text + "'");
    }
  }

  @Command(
      name = "list",
      description = {
        "List logged decisions, newest first.",
        "Two lines each: when, outcome, agent and action; then the decision's id (for aegis decisions "
            + "show) and its first reason. Filters combine with AND."
      },
      footerHeading = "%nExamples:%n",
      footer = {
        "  aegis decisions list --outcome deny --from -1h",
        "  aegis decisions list --outcome rate_limited --connector db --all -o json"
      })
  static final class ListDecisions implements Callable<Integer> {
    private final CliContext context;
    /** What relative times count back from. */
    Clock clock = Clock.systemUTC();

    @Option(names = "--agent", paramLabel = "AGENT_ID", description = "Only this agent's decisions.")
    String agentId;

    @Option(names = "--run", paramLabel = "RUN_ID", description = "Only decisions made for this run.")
    String runId;

    @Option(
        names = "--outcome",
        paramLabel = "OUTCOME",
        description = "Only allow, deny, require_approval or rate_limited.")
    String outcome;

    @Option(names = "--action", paramLabel = "VERB:RESOURCE", description = "Only this action.")
    String action;

    @Option(names = "--connector", paramLabel = "NAME", description = "Only this connector.")
    String connector;

    @Option(names = "--from", paramLabel = "TIME", description = "Decided at or after: RFC 3339, or -15m, -2h, -7d.")
    String from;

    @Option(names = "--to", paramLabel = "TIME", description = "Decided before: RFC 3339, or -15m, -2h, -7d.")
    String to;

    @Mixin PageOptions paging;

    ListDecisions(CliContext context) {
      this.context = context;
    }

    @Override
    public Integer call() {
      DecisionFilter filter = DecisionFilter.any().withAgent(agentId).withRun(runId).withOutcome(outcome)
          .withAction(action).withConnector(connector).withFrom(time(from, "--from", clock))
          .withTo(time(to, "--to", clock));
      Page<LoggedDecision> page = Lists.fetch(paging, q -> context.client().decisions().list(filter, q));
      if (context.output() == OutputFormat.JSON) {
        context.out().println(Json.pretty(page));
      } else if (page.items().isEmpty()) {
        context.out().println("No logged decisions match.");
      } else {
        context.print(DecisionViews.table(page.items(), context.width()));
      }
      context.out().flush();
      Lists.moreHint(context, page, command(filter));
      return ExitCodes.OK;
    }

    /** The same listing for the next page; relative times are pinned, so that the pages line up. */
    private String command(DecisionFilter filter) {
      List<String> words = new ArrayList<>(List.of("aegis", "decisions", "list"));
      add(words, "--agent", filter.agentId());
      add(words, "--run", filter.runId());
      add(words, "--outcome", filter.outcome());
      add(words, "--action", filter.action());
      add(words, "--connector", filter.connector());
      add(words, "--from", filter.from());
      add(words, "--to", filter.to());
      add(words, "--limit", paging.query().limit());
      return String.join(" ", words);
    }

    private static void add(List<String> words, String option, Object value) {
      if (value != null) {
        words.add(option);
        words.add(value.toString());
      }
    }
  }

  @Command(
      name = "show",
      description = {
        "Show one logged decision.",
        "Its inputs (attributes redacted), outcome, reasons and policy versions."
      },
      footerHeading = "%nExample:%n",
      footer = "  aegis decisions show dec_01m88asfy6ep8y21f4avg1sm1e")
  static final class Show implements Callable<Integer> {
    private final CliContext context;

    @Parameters(paramLabel = "DECISION_ID", description = "The decision's id (dec_...).")
    String decisionId;

    Show(CliContext context) {
      this.context = context;
    }

    @Override
    public Integer call() {
      LoggedDecision decision = context.client().decisions().get(decisionId);
      if (context.output() == OutputFormat.JSON) {
        context.out().println(Json.pretty(decision));
      } else {
        List<String> lines = DecisionViews.detail(decision);
        context.print(lines);
      }
      context.out().flush();
      return ExitCodes.OK;
    }
  }
}
