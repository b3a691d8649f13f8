package dev.aegis.cli.alerts;

import dev.aegis.cli.support.CliContext;
import dev.aegis.cli.support.Fields;
import dev.aegis.cli.support.Formats;
import dev.aegis.cli.support.Json;
import dev.aegis.cli.support.Lists;
import dev.aegis.cli.support.OutputFormat;
import dev.aegis.cli.support.PageOptions;
import dev.aegis.cli.support.Table;
import dev.aegis.cli.support.UsageException;
import dev.aegis.client.Alert;
import dev.aegis.client.AlertFilter;
import dev.aegis.client.Page;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code aegis alerts}: list and show the alerts of the key's tenant. */
@Command(
    name = "alerts",
    description = {
      "List and show alerts: a task type crossed its budget (firing) or came back within it",
      "(resolved). Needs an operator or admin key."
    },
    synopsisSubcommandLabel = "COMMAND",
    subcommands = {AlertsCommand.ListAlerts.class, AlertsCommand.Show.class},
    footerHeading = "%nExamples:%n",
    footer = {
      "  aegis alerts list --open",
      "  aegis alerts list --task-type document-summarize --since 2026-11-24T00:00:00Z",
      "  aegis alerts show alr_01jd8k2m3n4p5q6r7s8t9v0w1x"
    })
public final class AlertsCommand implements Runnable {
  /** What the table calls each kind, to fit 80 columns; {@code --kind} accepts these too. */
  private static final Map<String, String> SHORT_KINDS =
      Map.of(Alert.TOKENS_PER_RUN, "tokens", Alert.LATENCY_P95, "p95", Alert.ERROR_RATE, "errors");

  private static final DateTimeFormatter MINUTE =
      DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm").withZone(ZoneOffset.UTC);

  private final CliContext context;

  @Spec CommandSpec spec;

  AlertsCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public void run() {
    spec.commandLine().usage(context.out());
  }

  static List<String> table(List<Alert> alerts, int width) {
    Table table =
        new Table()
            .column("ID")
            .column("CREATED (UTC)")
            .column("STATE")
            .column("KIND")
            .flexibleColumn("TASK TYPE");
    alerts.forEach(
        a -> table.row(
            a.id(),
            a.createdAt() == null ? "" : MINUTE.format(a.createdAt()),
            state(a),
            SHORT_KINDS.getOrDefault(a.kind(), a.kind()),
            a.taskType()));
    return table.render(width);
  }

  /** The API's state, except that a firing alert resolved since says so. */
  static String state(Alert alert) {
    return Alert.FIRING.equals(alert.state()) && alert.resolvedByAlertId() != null ? "fired" : alert.state();
  }

  static List<String> fields(Alert alert) {
    String unit = unit(alert.kind());
    Fields fields =
        new Fields()
            .add("id", alert.id())
            .add("kind", alert.kind())
            .add("state", alert.state())
            .add("task type", alert.taskType());
    if (alert.runId() != null) {
      fields.add("run", alert.runId());
    }
    fields
        .add("observed", alert.observed() == null ? "- (the limit was removed)" : alert.observed() + unit)
        .add("threshold", alert.threshold() == null ? "-" : alert.threshold() + unit);
    if (alert.window() != null) {
      fields.add("window", alert.window());
    }
    fields
        .add("samples", alert.samples())
        .add("message", alert.message())
        .add("created", Formats.time(alert.createdAt(), ""));
    if (alert.firedAlertId() != null) {
      fields.add("resolves", alert.firedAlertId());
    }
    if (Alert.FIRING.equals(alert.state())) {
      fields.add("resolved by", alert.resolvedByAlertId() == null ? "not yet: it is open" : alert.resolvedByAlertId());
    }
    return fields.render();
  }

  private static String unit(String kind) {
    return switch (kind) {
      case Alert.TOKENS_PER_RUN -> " tokens";
      case Alert.LATENCY_P95 -> " ms";
      default -> "";
    };
  }

  /** A kind as given to {@code --kind}: its wire name, the part after {@code task_budget.}, or the table's name. */
  static String kind(String given) {
    for (Map.Entry<String, String> known : SHORT_KINDS.entrySet()) {
      if (given.equals(known.getValue()) || given.equals(known.getKey().substring(known.getKey().indexOf('.') + 1))) {
        return known.getKey();
      }
    }
    return given;
  }

  static Instant time(String option, String given) {
    try {
      return OffsetDateTime.parse(given).toInstant();
    } catch (DateTimeParseException e) {
      throw new UsageException(option + " must be an RFC 3339 time such as 2026-11-24T12:00:00Z, was '" + given + "'");
    }
  }

  @Command(
      name = "list",
      description = {
        "List the tenant's alerts, newest first. STATE is firing (still open), fired (resolved",
        "since) or resolved (the alert that resolved another). KIND is tokens (a run over",
        "max tokens per run), p95 (latency) or errors (error rate)."
      },
      footerHeading = "%nExamples:%n",
      footer = {
        "  aegis alerts list --open",
        "  aegis alerts list --kind p95 --state firing --limit 10",
        "  aegis alerts list --task-type document-summarize \\",
        "      --since 2026-11-24T00:00:00Z --all -o json"
      })
  static final class ListAlerts implements Callable<Integer> {
    private final CliContext context;

    @Option(names = "--state", paramLabel = "STATE", description = "firing or resolved.")
    String state;

    @Option(
        names = "--kind",
        paramLabel = "KIND",
        description = "tokens, p95 or errors (or the full name, such as task_budget.latency_p95).")
    String kind;

    @Option(names = "--task-type", paramLabel = "TASK_TYPE", description = "Only alerts about this task type.")
    String taskType;

    @Option(
        names = "--since",
        paramLabel = "TIME",
        description = "Created at or after this time, such as 2026-11-24T12:00:00Z.")
    String since;

    @Option(names = "--until", paramLabel = "TIME", description = "Created before this time.")
    String until;

    @Option(
        names = "--open",
        arity = "0..1",
        paramLabel = "BOOLEAN",
        description = "Only alerts firing and not yet resolved (--open=false: only the others).")
    Boolean open;

    @Mixin PageOptions paging;

    ListAlerts(CliContext context) {
      this.context = context;
    }

    @Override
    public Integer call() {
      AlertFilter filter =
          new AlertFilter(
              kind == null ? null : kind(kind),
              state,
              taskType,
              since == null ? null : time("--since", since),
              until == null ? null : time("--until", until),
              open);
      Page<Alert> page = Lists.fetch(paging, query -> context.client().alerts().list(filter, query));
      if (context.output() == OutputFormat.JSON) {
        context.out().println(Json.pretty(page));
      } else if (page.items().isEmpty()) {
        context.out().println(filter.equals(AlertFilter.any()) ? "No alerts yet." : "No alerts match.");
      } else {
        context.print(table(page.items(), context.width()));
      }
      context.out().flush();
      Lists.moreHint(context, page, command());
      return 0;
    }

    private String command() {
      List<String> words = new ArrayList<>(List.of("aegis", "alerts", "list"));
      add(words, "--state", state);
      add(words, "--kind", kind);
      add(words, "--task-type", taskType);
      add(words, "--since", since);
      add(words, "--until", until);
      if (open != null) {
        words.add(open ? "--open" : "--open=false");
      }
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

  @Command(
      name = "show",
      description = "Show one alert, with its message and what resolved it.",
      footerHeading = "%nExamples:%n",
      footer = {"  aegis alerts show alr_01jd8k2m3n4p5q6r7s8t9v0w1x", "  aegis alerts show alr_01jd8k... -o json"})
  static final class Show implements Callable<Integer> {
    private final CliContext context;

    @Parameters(paramLabel = "ALERT_ID", description = "The alert's id (alr_...).")
    String id;

    Show(CliContext context) {
      this.context = context;
    }

    @Override
    public Integer call() {
      Alert alert = context.client().alerts().get(id);
      if (context.output() == OutputFormat.JSON) {
        context.out().println(Json.pretty(alert));
      } else {
        context.print(fields(alert));
      }
      context.out().flush();
      return 0;
    }
  }
}
