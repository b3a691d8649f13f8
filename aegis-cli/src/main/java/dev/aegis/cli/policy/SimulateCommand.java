package dev.aegis.cli.policy;

import dev.aegis.cli.support.CliContext;
import dev.aegis.cli.support.ExitCodes;
import dev.aegis.cli.support.Formats;
import dev.aegis.cli.support.Json;
import dev.aegis.cli.support.OutputFormat;
import dev.aegis.cli.support.Table;
import dev.aegis.client.PolicySimulation;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code aegis policy simulate CANDIDATE}: what a policy change would do to recent traffic, before it is made. */
@Command(
    name = "simulate",
    description = {
      "Show what a candidate policy would change in recent decisions.",
      "The server replays its logged decisions against the candidate file, in place of the policy's "
          + "current version (or beside the others, for a new policy), and counts the outcomes that would "
          + "change (allow -> deny...), with examples. Nothing is stored. Rate caps are not replayed: a "
          + "logged rate_limited counts as allow. Only logged decisions are replayed: every deny, approval "
          + "and rate limit, and allows at policy.allow_log_sample_rate. Needs an admin, operator or "
          + "approver key."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  aegis policy simulate summarizer.json",
      "  aegis policy simulate summarizer.yaml --since 7d -o json"
    })
final class SimulateCommand implements Callable<Integer> {
  private static final Pattern SINCE = Pattern.compile("[1-9][0-9]{0,7}[smhd]");

  private final CliContext context;

  @Parameters(paramLabel = "CANDIDATE_FILE", description = "The candidate policy, JSON or YAML.")
  String file;

  @Option(
      names = "--since",
      paramLabel = "DURATION",
      description = "How far back to replay: 90s, 90m, 24h, 7d... up to 30d (default: 24h).")
  String since = "24h";

  SimulateCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    if (!SINCE.matcher(since).matches()) {
      throw new dev.aegis.cli.support.UsageException(
          "--since is a duration up to 30d such as 90s, 90m, 24h or 7d, was '" + since + "'");
    }
    PolicyFile candidate = PolicyFile.read(context.workDir(), file);
    if (!candidate.valid()) {
      PrintWriter err = context.err();
      err.println("error: " + file + " is not a valid policy, so nothing was simulated:");
      PolicyFile.errorLines(candidate.errors()).forEach(line -> err.println("  " + line));
      err.flush();
      return ExitCodes.FAILED;
    }
    PolicySimulation report = context.client().policies()
        .simulate(candidate.policyId(), candidate.text(), candidate.format(), since);
    if (context.output() == OutputFormat.JSON) {
      context.out().println(Json.pretty(report));
    } else {
      context.print(render(report, file, since, context.width()));
    }
    context.out().flush();
    return ExitCodes.OK;
  }

  /** The counts per change, then examples under each. */
  static List<String> render(PolicySimulation report, String file, String since, int width) {
    List<String> lines = new ArrayList<>();
    lines.add("Replayed " + report.replayed() + " logged " + (report.replayed() == 1 ? "decision" : "decisions")
        + " of the last " + since + " (" + Formats.time(report.since(), "?") + " to "
        + Formats.time(report.until(), "?") + ")");
    lines.add("against " + report.policyId() + " from " + file + ":");
    if (report.truncated()) {
      lines.add("note: the window held more decisions than one simulation replays; the oldest were replayed,"
          + " so try a shorter --since.");
    }
    if (report.replayed() == 0) {
      lines.add("nothing was logged in that window, so there is nothing to compare; try a longer --since.");
      return lines;
    }
    if (report.changed() == 0) {
      lines.add("no outcome would change.");
      return lines;
    }
    lines.add(report.changed() + " would change:");
    lines.add("");
    Table table = new Table().column("FROM").column("TO").column("DECISIONS");
    report.byChange().forEach(t -> table.row(t.from(), t.to(), t.count()));
    table.render(width - 2).forEach(line -> lines.add("  " + line));
    for (PolicySimulation.Transition t : report.byChange()) {
      List<PolicySimulation.Example> examples = report.examples().stream()
          .filter(e -> t.from().equals(e.from()) && t.to().equals(e.to())).toList();
      if (examples.isEmpty()) {
        continue;
      }
      lines.add("");
      lines.add(t.from() + " -> " + t.to() + ", for example:");
      for (PolicySimulation.Example e : examples) {
        lines.add("  " + e.decisionId() + (e.at() == null ? "" : "  " + Formats.time(e.at(), "")) + "  "
            + e.agentId() + "  " + e.action() + (e.connector() == null ? "" : " via " + e.connector()));
        if (!e.reasons().isEmpty()) {
          lines.add("      " + e.reasons().getFirst().code() + ": " + e.reasons().getFirst().message());
        }
      }
    }
    return lines;
  }
}
