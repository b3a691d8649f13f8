package dev.aegis.cli.budgets;

import dev.aegis.cli.support.CliContext;
import dev.aegis.cli.support.Fields;
import dev.aegis.cli.support.Formats;
import dev.aegis.cli.support.Json;
import dev.aegis.cli.support.Lists;
import dev.aegis.cli.support.OutputFormat;
import dev.aegis.cli.support.PageOptions;
import dev.aegis.cli.support.Table;
import dev.aegis.cli.support.UsageException;
import dev.aegis.client.Page;
import dev.aegis.client.TaskBudget;
import dev.aegis.client.TaskBudgetSpec;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code aegis budgets}: set, list, show and delete the task budgets of the key's tenant. */
@Command(
    name = "budgets",
    description = {
      "Set, list, show and delete task budgets: limits per task type on tokens per run,",
      "p95 run time and error rate. Crossing one raises an alert (see: aegis alerts).",
      "Setting and deleting need an admin key; reading an operator or admin key."
    },
    synopsisSubcommandLabel = "COMMAND",
    subcommands = {
      BudgetsCommand.Set.class,
      BudgetsCommand.ListBudgets.class,
      BudgetsCommand.Show.class,
      BudgetsCommand.Delete.class
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  aegis budgets set document-summarize --max-tokens-per-run 20000",
      "  aegis budgets list",
      "  aegis budgets show document-summarize -o json",
      "  aegis budgets delete document-summarize"
    })
public final class BudgetsCommand implements Runnable {
  private final CliContext context;

  @Spec CommandSpec spec;

  BudgetsCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public void run() {
    spec.commandLine().usage(context.out());
  }

  static List<String> table(List<TaskBudget> budgets, int width) {
    Table table =
        new Table()
            .flexibleColumn("TASK TYPE")
            .column("TOKENS/RUN")
            .column("P95 MS")
            .column("ERROR RATE")
            .column("WINDOW")
            .column("RUNS")
            .flexibleColumn("FIRING");
    budgets.forEach(
        b -> table.row(
            b.taskType(),
            orDash(b.maxTokensPerRun()),
            orDash(b.p95LatencyMs()),
            orDash(b.maxErrorRate()),
            b.window(),
            b.status() == null ? "" : b.status().runs(),
            b.status() == null ? "" : firing(b.status().firing(), "-")));
    return table.render(width);
  }

  static List<String> fields(TaskBudget budget) {
    Fields fields =
        new Fields()
            .add("task type", budget.taskType())
            .add("max tokens per run", orElse(budget.maxTokensPerRun(), "", "not checked"))
            .add("p95 latency", orElse(budget.p95LatencyMs(), " ms", "not checked"))
            .add("max error rate", orElse(budget.maxErrorRate(), "", "not checked"))
            .add("window", budget.window())
            .add("min samples", budget.minSamples())
            .add("created", Formats.time(budget.createdAt(), ""))
            .add("updated", Formats.time(budget.updatedAt(), ""));
    TaskBudget.Status status = budget.status();
    if (status != null) {
      fields
          .add("runs in window", status.runs() + " (" + status.errors() + " failed)")
          .add("p95 now", orElse(status.p95LatencyMs(), " ms", "-"))
          .add("error rate now", orElse(status.errorRate(), "", "-"))
          .add("firing", firing(status.firing(), "nothing"));
    }
    return fields.render();
  }

  /** Alert kinds without their common {@code task_budget.} prefix, such as {@code latency_p95,error_rate}. */
  static String firing(List<String> kinds, String none) {
    if (kinds.isEmpty()) {
      return none;
    }
    return String.join(",", kinds.stream().map(k -> k.substring(k.indexOf('.') + 1)).toList());
  }

  private static String orDash(Object value) {
    return value == null ? "-" : value.toString();
  }

  private static String orElse(Object value, String unit, String none) {
    return value == null ? none : value + unit;
  }

  @Command(
      name = "set",
      description = {
        "Create or replace the budget of a task type (the runs' task.type attribute).",
        "It replaces the whole budget: a limit left out is not checked, and --window and",
        "--min-samples fall back to the server's defaults. Give at least one limit."
      },
      footerHeading = "%nExamples:%n",
      footer = {
        "  aegis budgets set document-summarize --max-tokens-per-run 20000",
        "  aegis budgets set summarize --p95-latency-ms 2000 --max-error-rate 0.05 \\",
        "      --window 15m --min-samples 20"
      })
  static final class Set implements Callable<Integer> {
    private final CliContext context;

    @Parameters(
        paramLabel = "TASK_TYPE",
        description = "1 to 128 letters, digits and . _ : -, starting with a letter or digit.")
    String taskType;

    @Option(
        names = "--max-tokens-per-run",
        paramLabel = "N",
        description = "Most tokens (input plus output) one run may use: 1 to 10^12.")
    Long maxTokensPerRun;

    @Option(
        names = "--p95-latency-ms",
        paramLabel = "N",
        description = "Most milliseconds the window's 95th percentile run time may be.")
    Long p95LatencyMs;

    @Option(
        names = "--max-error-rate",
        paramLabel = "R",
        description = "Highest share of the window's runs that may fail, 0 to 1 (0.05 is 5%%).")
    Double maxErrorRate;

    @Option(
        names = "--window",
        paramLabel = "DURATION",
        description = "How far back latency and error rate look: 90s, 15m, 1h... (1m to 24h; default 15m).")
    String window;

    @Option(
        names = "--min-samples",
        paramLabel = "N",
        description = "Fewest runs in the window before latency and error rate are judged (default 20).")
    Integer minSamples;

    Set(CliContext context) {
      this.context = context;
    }

    @Override
    public Integer call() {
      if (maxTokensPerRun == null && p95LatencyMs == null && maxErrorRate == null) {
        throw new UsageException(
            "give at least one limit: --max-tokens-per-run, --p95-latency-ms or --max-error-rate");
      }
      TaskBudget budget =
          context.client().taskBudgets().put(
              taskType, new TaskBudgetSpec(maxTokensPerRun, p95LatencyMs, maxErrorRate, window, minSamples));
      if (context.output() == OutputFormat.JSON) {
        context.out().println(Json.pretty(budget));
      } else {
        context.out().println("Set the budget of " + budget.taskType() + ":");
        context.print(fields(budget).stream().map(line -> "  " + line).toList());
      }
      context.out().flush();
      return 0;
    }
  }

  @Command(
      name = "list",
      description = {
        "List the tenant's task budgets, by task type, with their current window.",
        "FIRING names the limits that are over budget now."
      },
      footerHeading = "%nExamples:%n",
      footer = {"  aegis budgets list", "  aegis budgets list --all -o json"})
  static final class ListBudgets implements Callable<Integer> {
    private final CliContext context;

    @Mixin PageOptions paging;

    ListBudgets(CliContext context) {
      this.context = context;
    }

    @Override
    public Integer call() {
      Page<TaskBudget> page = Lists.fetch(paging, context.client().taskBudgets()::list);
      if (context.output() == OutputFormat.JSON) {
        context.out().println(Json.pretty(page));
      } else if (page.items().isEmpty()) {
        context.out().println("No task budgets yet. Set one: aegis budgets set TASK_TYPE --max-tokens-per-run N");
      } else {
        context.print(table(page.items(), context.width()));
      }
      context.out().flush();
      Lists.moreHint(context, page, "aegis budgets list");
      return 0;
    }
  }

  @Command(
      name = "show",
      description = "Show one task budget and where its task type stands in the current window.",
      footerHeading = "%nExamples:%n",
      footer = {"  aegis budgets show document-summarize", "  aegis budgets show document-summarize -o json"})
  static final class Show implements Callable<Integer> {
    private final CliContext context;

    @Parameters(paramLabel = "TASK_TYPE", description = "The task type of the budget.")
    String taskType;

    Show(CliContext context) {
      this.context = context;
    }

    @Override
    public Integer call() {
      TaskBudget budget = context.client().taskBudgets().get(taskType);
      if (context.output() == OutputFormat.JSON) {
        context.out().println(Json.pretty(budget));
      } else {
        context.print(fields(budget));
      }
      context.out().flush();
      return 0;
    }
  }

  @Command(
      name = "delete",
      description = {
        "Delete the budget of a task type; the alerts it has firing are resolved.",
        "Prints nothing with -o json (the server answers 204 without a body)."
      },
      footerHeading = "%nExample:%n",
      footer = "  aegis budgets delete document-summarize")
  static final class Delete implements Callable<Integer> {
    private final CliContext context;

    @Parameters(paramLabel = "TASK_TYPE", description = "The task type of the budget.")
    String taskType;

    Delete(CliContext context) {
      this.context = context;
    }

    @Override
    public Integer call() {
      context.client().taskBudgets().delete(taskType);
      if (context.output() != OutputFormat.JSON) {
        context.out().println("Deleted the budget of " + taskType + "; the alerts it had firing are resolved.");
      }
      context.out().flush();
      return 0;
    }
  }
}
