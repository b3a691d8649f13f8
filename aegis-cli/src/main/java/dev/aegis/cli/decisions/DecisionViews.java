package dev.aegis.cli.decisions;

import dev.aegis.cli.support.Fields;
import dev.aegis.cli.support.Formats;
import dev.aegis.cli.support.Table;
import dev.aegis.client.Decision;
import dev.aegis.client.LoggedDecision;
import dev.aegis.client.Reason;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/** How decisions and the decision log are printed; the demo prints decisions the same way. */
public final class DecisionViews {
  private static final DateTimeFormatter AT = DateTimeFormatter.ofPattern("MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

  private DecisionViews() {}

  /**
   * A decision: its outcome and id, then each reason, the policies, and what the caller must do.
   *
   * <pre>
   * rate_limited  dec_01m88asfy6ep8y21f4avg1sm1e
   *   rate_limited: ... 30 calls a minute ...
   *   retry after: 2000 ms
   *   policies: policy-agent-summarizer@1
   * </pre>
   */
  public static List<String> decision(Decision d) {
    List<String> lines = new ArrayList<>();
    lines.add(d.outcome() + "  " + d.decisionId());
    for (Reason r : d.reasons()) {
      lines.add("  " + r.code() + ": " + r.message());
    }
    if (d.retryAfterMs() != null) {
      lines.add("  retry after: " + d.retryAfterMs() + " ms");
    }
    lines.add("  policies: " + (d.policies().isEmpty() ? "none" : String.join(", ", d.policies())));
    for (Decision.Obligation o : d.obligations()) {
      lines.add("  obligation from " + o.policy() + " for " + o.capability() + ": " + obligation(o));
    }
    if (d.shadow() != null) {
      lines.add("  shadow policies would decide " + d.shadow().outcome() + " ("
          + String.join(", ", d.shadow().policies()) + ")"
          + (d.shadow().reasons().isEmpty() ? "" : ": " + d.shadow().reasons().getFirst().code()));
    }
    return lines;
  }

  static String obligation(Decision.Obligation o) {
    List<String> parts = new ArrayList<>();
    if (o.maxSizeMb() != null) {
      parts.add("size_mb at most " + dev.aegis.cli.policy.ExplainView.number(o.maxSizeMb()));
    }
    if (o.jsonSchema() != null && !o.jsonSchema().isNull()) {
      parts.add("the payload must match " + o.jsonSchema());
    }
    if (!o.allowedDomains().isEmpty()) {
      parts.add("only to " + String.join(", ", o.allowedDomains()));
    }
    return String.join("; ", parts);
  }

  /**
   * The log, newest first, two lines a decision: when (UTC, without the year), outcome, agent and action with its
   * connector; then, under the outcome, the decision's id (for {@code decisions show}) and its first reason code.
   */
  static List<String> table(List<LoggedDecision> decisions, int width) {
    Table table = new Table().column("AT (UTC)").column("OUTCOME").flexibleColumn("AGENT").flexibleColumn("ACTION");
    decisions.forEach(d -> table.row(d.at() == null ? "" : AT.format(d.at()), d.outcome(), d.agentId(),
        d.action() + (d.connector() == null ? "" : " via " + d.connector())));
    List<String> rows = table.render(width);
    List<String> lines = new ArrayList<>();
    lines.add(rows.getFirst());
    String indent = " ".repeat("MM-dd HH:mm:ss".length() + 2);
    for (int i = 0; i < decisions.size(); i++) {
      LoggedDecision d = decisions.get(i);
      lines.add(rows.get(i + 1));
      lines.add(indent + d.decisionId() + (d.reasons().isEmpty() ? "" : "  " + d.reasons().getFirst().code()));
    }
    return lines;
  }

  /** One logged decision as labelled lines. */
  static List<String> detail(LoggedDecision d) {
    Fields fields = new Fields()
        .add("decision", d.decisionId())
        .add("at", Formats.time(d.at(), ""))
        .add("outcome", d.outcome() + (d.shadowOutcome() == null ? "" : "  (shadow policies: " + d.shadowOutcome()
            + ")"))
        .add("agent", d.agentId() + (d.agentLabels() == null || d.agentLabels().isEmpty() ? "" : "  "
            + String.join(", ", d.agentLabels().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .toList())))
        .add("action", d.action())
        .add("connector", or(d.connector()))
        .add("resource", or(d.resource()))
        .add("task type", or(d.taskType()))
        .add("run", or(d.runId()) + (d.stage() == null ? "" : ", stage " + d.stage()))
        .add("attributes", d.attributes() == null || d.attributes().isEmpty() ? "-" : d.attributes().toString())
        .add("policies", d.policies().isEmpty() ? "none" : String.join(", ", d.policies()))
        .add("took", String.format(java.util.Locale.ROOT, "%.3f ms", d.latencyUs() / 1000));
    List<String> lines = new ArrayList<>(fields.render());
    lines.add("reasons:");
    for (Reason r : d.reasons()) {
      lines.add("  " + r.code() + ": " + r.message());
    }
    return lines;
  }

  private static String or(String value) {
    return value == null ? "-" : value;
  }
}
