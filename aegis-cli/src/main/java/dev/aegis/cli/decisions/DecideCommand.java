package dev.aegis.cli.decisions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.aegis.cli.support.CliContext;
import dev.aegis.cli.support.ExitCodes;
import dev.aegis.cli.support.Json;
import dev.aegis.cli.support.OutputFormat;
import dev.aegis.cli.support.UsageException;
import dev.aegis.client.Decision;
import dev.aegis.client.DecisionRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code aegis decide}: asks the decision point what it would answer an agent, as the agent would ask. */
@Command(
    name = "decide",
    description = {
      "Ask the decision point about one action, as an agent does.",
      "Prints the outcome (allow, deny, require_approval or rate_limited), its reasons and the policy "
          + "versions that took part. The decision is real: it is logged, and an allow spends a rate-cap "
          + "token. Exit 0 whatever the outcome; scripts read the outcome field of -o json. Needs an agent, "
          + "operator or admin key."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  aegis decide --agent summarizer-12 --action write:summaries --connector db",
      "  aegis decide --agent summarizer-12 --action write:summaries --connector db \\",
      "      --attr size_mb=60",
      "  aegis decide --agent support-3 --action write:tickets --label team=support \\",
      "      --attr external_domain=partner.example.com --run run-20260529-01",
      "",
      "--attr values are JSON when they parse (60, true, [\"a\",\"b\"]), else text;",
      "quote a number to send it as text: --attr 'ticket=\"0042\"'."
    })
public final class DecideCommand implements Callable<Integer> {
  private static final ObjectMapper JSON =
      JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

  private final CliContext context;

  @Option(names = "--agent", required = true, paramLabel = "AGENT_ID", description = "The agent that would act.")
  String agentId;

  @Option(
      names = "--action",
      required = true,
      paramLabel = "VERB:RESOURCE",
      description = "The capability it needs, such as read:documents or write:summaries.")
  String action;

  @Option(names = "--connector", paramLabel = "NAME", description = "The connector it would use, such as db or s3.")
  String connector;

  @Option(names = "--resource", paramLabel = "NAME", description = "What it would touch there (rules may read it).")
  String resource;

  @Option(names = "--task-type", paramLabel = "TYPE", description = "The run's task type (bindings may match it).")
  String taskType;

  @Option(names = "--run", paramLabel = "RUN_ID", description = "The run, so that the decision shows on its timeline.")
  String runId;

  @Option(names = "--stage", paramLabel = "NAME", description = "The run's workflow stage (rules may read it).")
  String stage;

  @Option(names = "--label", paramLabel = "NAME=VALUE", description = "An agent label; repeat for several.")
  List<String> labels = List.of();

  @Option(
      names = "--attr",
      paramLabel = "NAME=VALUE",
      description = "An attribute thresholds and rules read, such as size_mb=60; repeat for several.")
  List<String> attributes = List.of();

  DecideCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    DecisionRequest request = DecisionRequest.of(agentId, action).withConnector(connector).withResource(resource)
        .withTaskType(taskType).withRun(runId).withStage(stage);
    for (Map.Entry<String, String> label : pairs(labels, "--label").entrySet()) {
      request = request.withLabel(label.getKey(), label.getValue());
    }
    for (Map.Entry<String, String> attribute : pairs(attributes, "--attr").entrySet()) {
      request = request.withAttribute(attribute.getKey(), value(attribute.getValue()));
    }
    Decision decision = context.client().decisions().decide(request);
    if (context.output() == OutputFormat.JSON) {
      context.out().println(Json.pretty(decision));
    } else {
      context.print(DecisionViews.decision(decision));
    }
    context.out().flush();
    return ExitCodes.OK;
  }

  /** A JSON value when the text is one ({@code 60}, {@code true}, {@code ["a"]}, {@code "0042"}), else the text. */
  static Object value(String text) {
    try {
      Object parsed = JSON.readValue(text, Object.class);
      return parsed == null ? text : parsed;
    } catch (JsonProcessingException e) {
      return text;
    }
  }

  /** {@code name=value} pairs, in order; a usage error (exit 2) for one without a name. */
  static Map<String, String> pairs(List<String> pairs, String option) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String pair : pairs) {
      int eq = pair.indexOf('=');
      if (eq < 1) {
        throw new UsageException(option + " takes NAME=VALUE, such as size_mb=60; was '" + pair + "'");
      }
      out.put(pair.substring(0, eq), pair.substring(eq + 1));
    }
    return out;
  }
}
