package dev.aegis.cli.policy;

import dev.aegis.cli.support.CliContext;
import dev.aegis.cli.support.ExitCodes;
import dev.aegis.cli.support.Json;
import dev.aegis.cli.support.OutputFormat;
import dev.aegis.cli.support.UsageException;
import dev.aegis.client.PolicyDiff;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code aegis policy diff ID}: what changed between two versions, pointer by pointer. */
@Command(
    name = "diff",
    description = {
      "Show what changed between two versions of a policy.",
      "One JSON pointer at a time: ~ changed, + added, - removed, with the value before (-) and after "
          + "(+). Without options: the current version against the one before."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  aegis policy diff policy-agent-summarizer              the last change",
      "  aegis policy diff policy-agent-summarizer --from 1 --to 3",
      "",
      "  policy-agent-summarizer: @1 -> @2, 1 change",
      "  ~ /approval_thresholds/write:size_mb",
      "      - 50",
      "      + 40"
    })
final class DiffCommand implements Callable<Integer> {
  private final CliContext context;

  @Parameters(paramLabel = "POLICY_ID", description = "The policy's id.")
  String policyId;

  @Option(names = "--from", paramLabel = "N", description = "The older version (default: the one before --to).")
  Integer from;

  @Option(names = "--to", paramLabel = "N", description = "The newer version (default: the current one).")
  Integer to;

  DiffCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    if ((from != null && from < 1) || (to != null && to < 1)) {
      throw new UsageException("versions are numbers from 1");
    }
    PolicyDiff diff = context.client().policies().diff(policyId, from, to);
    if (context.output() == OutputFormat.JSON) {
      context.out().println(Json.pretty(diff));
    } else {
      context.print(PolicyViews.diff(diff));
    }
    context.out().flush();
    return ExitCodes.OK;
  }
}
