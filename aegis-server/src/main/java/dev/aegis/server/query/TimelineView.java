package dev.aegis.server.query;

import dev.aegis.core.policy.DecisionRecord;
import dev.aegis.core.trace.TimelineEntry;
import dev.aegis.core.trace.TimelineType;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/v1/runs/{run_id}/timeline}: everything that happened in the run, earliest first.
 *
 * @param truncated whether spans were left out (the latest ones) to stay within the span cap
 */
record TimelineView(
    String runId, String scope, String traceId, int spanCount, long totalSpans, boolean truncated,
    List<EntryView> entries) {

  record EntryView(
      Instant at,
      String type,
      String runId,
      String spanId,
      String name,
      String summary,
      Map<String, Object> details) {
    /** A decision from the decision log about this run, as a {@code policy_decision} entry. */
    static EntryView of(DecisionRecord d) {
      Map<String, Object> details = new java.util.LinkedHashMap<>();
      details.put("decision_id", d.decisionId());
      details.put("outcome", d.outcome().wire());
      details.put("action", d.action());
      if (d.connector() != null) {
        details.put("connector", d.connector());
      }
      if (d.resource() != null) {
        details.put("resource", d.resource());
      }
      details.put("policies", d.policies());
      details.put("source", "decision_log");
      String summary = d.outcome().wire() + ": " + d.action() + (d.connector() == null ? "" : " via " + d.connector());
      return new EntryView(d.at(), TimelineType.POLICY_DECISION.wireName(), d.runId(), null, d.action(), summary,
          details);
    }

    static EntryView of(TimelineEntry entry) {
      return new EntryView(entry.at(), entry.type().wireName(), entry.runId(), entry.spanId(), entry.name(),
          entry.summary(), entry.details());
    }
  }
}
