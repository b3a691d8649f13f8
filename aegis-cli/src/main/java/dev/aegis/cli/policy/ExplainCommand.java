package dev.aegis.cli.policy;

import dev.aegis.cli.support.CliContext;
import dev.aegis.cli.support.ExitCodes;
import dev.aegis.cli.support.Json;
import dev.aegis.cli.support.OutputFormat;
import dev.aegis.cli.support.UsageException;
import dev.aegis.client.EffectivePolicy;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code aegis policy explain AGENT}: an agent's effective policy, and which version gave each part. */
@Command(
    name = "explain",
    description = {
      "Show what an agent may do, and which policy version says so.",
      "The policies bound to the agent, composed into one, with the id@version that gave each "
          + "capability, deny, connector role, rate cap, approval threshold, rule and validator. Bindings "
          + "may match the agent's id, its labels and the task type, so give the ones the agent runs with. "
          + "Any key of the tenant may ask."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  aegis policy explain summarizer-12",
      "  aegis policy explain support-3 --task-type triage --label team=support"
    })
final class ExplainCommand implements Callable<Integer> {
  private final CliContext context;

  @Parameters(paramLabel = "AGENT_ID", description = "The agent's id, as it sends it in decision requests.")
  String agentId;

  @Option(names = "--task-type", paramLabel = "TYPE", description = "The task type the agent runs.")
  String taskType;

  @Option(names = "--label", paramLabel = "NAME=VALUE", description = "An agent label; repeat for several.")
  List<String> labels = List.of();

  ExplainCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    EffectivePolicy effective =
        context.client().agents().effectivePolicy(agentId, taskType, labels(labels, "--label"));
    if (context.output() == OutputFormat.JSON) {
      context.out().println(Json.pretty(effective));
    } else {
      context.print(ExplainView.render(effective));
    }
    context.out().flush();
    return ExitCodes.OK;
  }

  /** {@code name=value} pairs, in order; a usage error (exit 2) for one without {@code =} or a name. */
  static Map<String, String> labels(List<String> pairs, String option) {
    Map<String, String> labels = new LinkedHashMap<>();
    for (String pair : pairs) {
      int eq = pair.indexOf('=');
      if (eq < 1) {
        throw new UsageException(option + " takes NAME=VALUE, such as team=support; was '" + pair + "'");
      }
      labels.put(pair.substring(0, eq), pair.substring(eq + 1));
    }
    return labels;
  }
}
