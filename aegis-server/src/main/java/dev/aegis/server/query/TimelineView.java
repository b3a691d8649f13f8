package dev.aegis.server.query;

import dev.aegis.core.trace.TimelineEntry;
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
    static EntryView of(TimelineEntry entry) {
      return new EntryView(entry.at(), entry.type().wireName(), entry.runId(), entry.spanId(), entry.name(),
          entry.summary(), entry.details());
    }
  }
}
