package dev.aegis.cli.runs;

import dev.aegis.cli.support.CliContext;
import dev.aegis.cli.support.Json;
import dev.aegis.cli.support.Lists;
import dev.aegis.cli.support.OutputFormat;
import dev.aegis.cli.support.PageOptions;
import dev.aegis.client.Page;
import dev.aegis.client.Run;
import dev.aegis.client.RunDetail;
import dev.aegis.client.RunFilter;
import dev.aegis.client.RunTimeline;
import dev.aegis.client.RunTrace;
import dev.aegis.client.Runs;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/** {@code aegis runs}: list runs, show one with its lineage, draw its span tree, list its timeline. */
@Command(
    name = "runs",
    description = {
      "Trace-first debugging: find runs, see their lineage, their span tree and their timeline.",
      "Needs a key with the operator, approver or admin role."
    },
    synopsisSubcommandLabel = "COMMAND",
    subcommands = {
      RunsCommand.ListRuns.class,
      RunsCommand.Show.class,
      RunsCommand.Children.class,
      RunsCommand.Tree.class,
      RunsCommand.Timeline.class
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  aegis runs list --status error --since -1h",
      "  aegis runs show run-20260529-01",
      "  aegis runs tree run-20260529-01 --scope trace",
      "  aegis runs timeline run-20260529-01",
      "  aegis traces show 4bf92f3577b34da6a3ce929d0e0e4736",
      "  aegis prompts show sha256:9f86d081..."
    })
public final class RunsCommand implements Runnable {
  private final CliContext context;

  @Spec CommandSpec spec;

  RunsCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public void run() {
    spec.commandLine().usage(context.out());
  }

  /** Reads {@code --scope run} or {@code --scope trace}. */
  static final class ScopeConverter implements ITypeConverter<Runs.Scope> {
    @Override
    public Runs.Scope convert(String value) {
      try {
        return Runs.Scope.valueOf(value.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException("expected run or trace, was '" + value + "'");
      }
    }
  }

  @Command(
      name = "list",
      description = {
        "List runs, newest first. Filters combine; times are RFC 3339 (2026-11-24T12:00:00Z)",
        "or back from now (-30s, -15m, -2h, -7d)."
      },
      footerHeading = "%nExamples:%n",
      footer = {
        "  aegis runs list",
        "  aegis runs list --status error --since -1h",
        "  aegis runs list --agent summarizer-12 --task-type document-summarize --limit 10",
        "  aegis runs list --model gpt-4o --since 2026-11-24T00:00:00Z --until 2026-11-25T00:00:00Z",
        "  aegis runs list --has-error --all -o json"
      })
  static final class ListRuns implements Callable<Integer> {
    private final CliContext context;

    @Option(names = "--agent", paramLabel = "AGENT_ID", description = "Runs of this agent (agent.id).")
    String agent;

    @Option(names = "--task-type", paramLabel = "TYPE", description = "Runs of this task type (task.type).")
    String taskType;

    @Option(names = "--status", paramLabel = "STATUS", description = "ok or error.")
    String status;

    @Option(names = "--since", paramLabel = "TIME", description = "Runs that started at or after TIME.")
    String since;

    @Option(names = "--until", paramLabel = "TIME", description = "Runs that started before TIME.")
    String until;

    @Option(
        names = "--has-error",
        arity = "0..1",
        fallbackValue = "true",
        paramLabel = "BOOL",
        description = "Runs with a failed span; --has-error=false for runs without.")
    Boolean hasError;

    @Option(names = "--model", paramLabel = "MODEL", description = "Runs that used this model.")
    String model;

    @Mixin PageOptions paging;

    ListRuns(CliContext context) {
      this.context = context;
    }

    @Override
    public Integer call() {
      RunFilter filter = RunFilter.ALL.withAgent(agent).withTaskType(taskType).withStatus(status).withSince(since)
          .withUntil(until).withHasError(hasError).withModel(model);
      Page<Run> page = Lists.fetch(paging, query -> context.client().runs().list(filter, query));
      if (context.output() == OutputFormat.JSON) {
        context.out().println(Json.pretty(page));
      } else if (page.items().isEmpty()) {
        context.out().println("No runs match. Agents send runs to /v1/traces with an agent key"
            + " (docs/telemetry.md).");
      } else {
        context.print(RunViews.table(page.items(), context.width()));
      }
      context.out().flush();
      Lists.moreHint(context, page, "aegis runs list" + flags());
      return 0;
    }

    private String flags() {
      List<String> flags = new ArrayList<>();
      add(flags, "--agent", agent);
      add(flags, "--task-type", taskType);
      add(flags, "--status", status);
      add(flags, "--since", since);
      add(flags, "--until", until);
      add(flags, "--has-error=", hasError == null ? null : hasError.toString());
      add(flags, "--model", model);
      return flags.isEmpty() ? "" : " " + String.join(" ", flags);
    }

    private static void add(List<String> flags, String flag, String value) {
      if (value != null) {
        flags.add(flag.endsWith("=") ? flag + value : flag + " " + value);
      }
    }
  }

  @Command(
      name = "show",
      description = "Show a run: who ran what, how it went, what it cost, its ancestors and children.",
      footerHeading = "%nExamples:%n",
      footer = {"  aegis runs show run-20260529-01", "  aegis runs show run-20260529-01 -o json"})
  static final class Show implements Callable<Integer> {
    private final CliContext context;

    @Parameters(paramLabel = "RUN_ID", description = "The run's id (its run.id).")
    String runId;

    @Option(names = "--ascii", description = "Draw with ASCII only, whatever the terminal's encoding.")
    boolean ascii;

    Show(CliContext context) {
      this.context = context;
    }

    @Override
    public Integer call() {
      RunDetail detail = context.client().runs().get(runId);
      if (context.output() == OutputFormat.JSON) {
        context.out().println(Json.pretty(detail));
      } else {
        context.print(RunViews.detail(detail, Glyphs.forTerminal(context.env(), ascii), context.width()));
        context.out().println();
        context.out().println("Next: aegis runs tree " + runId + "   or   aegis runs timeline " + runId);
      }
      context.out().flush();
      return 0;
    }
  }

  @Command(
      name = "children",
      description = "List the runs a run started (their parent_run_id is its id), by run id.",
      footerHeading = "%nExample:%n",
      footer = "  aegis runs children run-20260529-01 --all")
  static final class Children implements Callable<Integer> {
    private final CliContext context;

    @Parameters(paramLabel = "RUN_ID", description = "The parent run's id.")
    String runId;

    @Mixin PageOptions paging;

    Children(CliContext context) {
      this.context = context;
    }

    @Override
    public Integer call() {
      Page<Run> page = Lists.fetch(paging, query -> context.client().runs().children(runId, query));
      if (context.output() == OutputFormat.JSON) {
        context.out().println(Json.pretty(page));
      } else if (page.items().isEmpty()) {
        context.out().println("Run " + runId + " started no other runs.");
      } else {
        context.print(RunViews.table(page.items(), context.width()));
      }
      context.out().flush();
      Lists.moreHint(context, page, "aegis runs children " + runId);
      return 0;
    }
  }

  @Command(
      name = "tree",
      description = {
        "Draw a run's spans as a tree: name, category, duration and status of each span, a tool",
        "call's method, endpoint and status code, a model call's model and tokens, and the state",
        "transitions, policy decisions, approval requests and fallbacks under the span that had",
        "them. Failed spans are marked. -o json prints the tree as the API answers it."
      },
      footerHeading = "%nExamples:%n",
      footer = {
        "  aegis runs tree run-20260529-01",
        "  aegis runs tree run-20260529-01 --scope trace     the parent and child runs too",
        "  aegis runs tree run-20260529-01 -o json | jq '.roots[0].children[].tool_call'"
      })
  static final class Tree implements Callable<Integer> {
    private final CliContext context;

    @Parameters(paramLabel = "RUN_ID", description = "The run's id (its run.id).")
    String runId;

    @Option(
        names = "--scope",
        paramLabel = "SCOPE",
        converter = ScopeConverter.class,
        description = "run (default): this run's spans; trace: every span of its trace.")
    Runs.Scope scope = Runs.Scope.RUN;

    @Option(names = "--ascii", description = "Draw with ASCII only, whatever the terminal's encoding.")
    boolean ascii;

    Tree(CliContext context) {
      this.context = context;
    }

    @Override
    public Integer call() {
      RunTrace trace = context.client().runs().trace(runId, scope);
      if (context.output() == OutputFormat.JSON) {
        context.out().println(Json.pretty(trace));
      } else {
        context.print(TreeRenderer.render(trace, context.width(), Glyphs.forTerminal(context.env(), ascii)));
      }
      context.out().flush();
      return 0;
    }
  }

  @Command(
      name = "timeline",
      description = {
        "List everything that happened in a run, earliest first: span starts and ends, tool and",
        "model calls, errors, state transitions, policy decisions, approval requests, fallbacks."
      },
      footerHeading = "%nExamples:%n",
      footer = {
        "  aegis runs timeline run-20260529-01",
        "  aegis runs timeline run-20260529-01 --scope trace -o json"
      })
  static final class Timeline implements Callable<Integer> {
    private final CliContext context;

    @Parameters(paramLabel = "RUN_ID", description = "The run's id (its run.id).")
    String runId;

    @Option(
        names = "--scope",
        paramLabel = "SCOPE",
        converter = ScopeConverter.class,
        description = "run (default): this run's spans; trace: every span of its trace.")
    Runs.Scope scope = Runs.Scope.RUN;

    Timeline(CliContext context) {
      this.context = context;
    }

    @Override
    public Integer call() {
      RunTimeline timeline = context.client().runs().timeline(runId, scope);
      if (context.output() == OutputFormat.JSON) {
        context.out().println(Json.pretty(timeline));
      } else {
        if (timeline.truncated()) {
          context.out().println("showing the first " + RunFormats.count(timeline.spanCount()) + " of "
              + RunFormats.count(timeline.totalSpans()) + " spans (the server's query.max_trace_spans)");
        }
        context.print(RunViews.timeline(timeline, context.width()));
      }
      context.out().flush();
      return 0;
    }
  }
}
