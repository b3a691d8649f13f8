package dev.aegis.cli.runs;

import dev.aegis.cli.support.CliContext;
import dev.aegis.cli.support.Json;
import dev.aegis.cli.support.OutputFormat;
import dev.aegis.client.TraceRuns;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code aegis traces show}: the runs of one trace, from a trace id found in a log or another tool. */
@Command(
    name = "traces",
    description = "Find the runs of a trace by its id (from a log line, a traceparent header, another tracer).",
    synopsisSubcommandLabel = "COMMAND",
    subcommands = {TracesCommand.Show.class},
    footerHeading = "%nExample:%n",
    footer = "  aegis traces show 4bf92f3577b34da6a3ce929d0e0e4736")
public final class TracesCommand implements Runnable {
  private final CliContext context;

  @Spec CommandSpec spec;

  TracesCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public void run() {
    spec.commandLine().usage(context.out());
  }

  @Command(
      name = "show",
      description = "Show the runs that have spans in a trace, by start time.",
      footerHeading = "%nExamples:%n",
      footer = {
        "  aegis traces show 4bf92f3577b34da6a3ce929d0e0e4736",
        "  aegis traces show 4bf92f3577b34da6a3ce929d0e0e4736 -o json"
      })
  static final class Show implements Callable<Integer> {
    private final CliContext context;

    @Parameters(paramLabel = "TRACE_ID", description = "32 hex digits.")
    String traceId;

    Show(CliContext context) {
      this.context = context;
    }

    @Override
    public Integer call() {
      TraceRuns trace = context.client().runs().byTrace(traceId);
      if (context.output() == OutputFormat.JSON) {
        context.out().println(Json.pretty(trace));
      } else {
        context.out().println("trace " + trace.traceId() + ": " + RunFormats.count(trace.spanCount()) + " spans in "
            + trace.runs().size() + (trace.runs().size() == 1 ? " run" : " runs"));
        context.out().println();
        context.print(RunViews.table(trace.runs(), context.width()));
        context.out().println();
        context.out().println("Next: aegis runs tree " + trace.runs().get(0).runId() + " --scope trace");
      }
      context.out().flush();
      return 0;
    }
  }
}
