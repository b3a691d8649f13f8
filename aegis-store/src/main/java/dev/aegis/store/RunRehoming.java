package dev.aegis.store;

import dev.aegis.core.telemetry.AttributeNames;
import dev.aegis.core.telemetry.Attributes;
import dev.aegis.core.telemetry.Span;
import dev.aegis.core.telemetry.SpanRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Puts spans that were written before their parent into their parent's run once the parent is written. A span
 * without a {@code run.id} of its own whose parent is not known yet lands in its trace's run (the run named by the
 * trace id, docs/telemetry.md); SDKs export children before their parents, so this is common. When a span with a run
 * of its own arrives, any span of that trace-id run whose parent it is moves to its run, with its own descendants
 * there, their tool calls, prompt snapshots, events and models, and their share of the run's sums; a trace-id run
 * left without spans is deleted ({@link TraceRehoming} does the moving).
 *
 * <p>It runs inside the write transaction, after the run sums are upserted, so an acknowledged write is consistent.
 * It is cheap when there is nothing to do: one indexed query per write transaction and tenant asks which of the
 * traces written to have a trace-id run at all (none is asked about when the write itself put spans there), and
 * nothing more happens for traces without one. It also covers the other order of a race: a span written into its
 * trace's run although its parent was stored a moment before (by a concurrent request or another node) moves to
 * the parent's run. Moving is idempotent: a moved span is no longer in the trace-id run.
 */
final class RunRehoming {
  private static final int KEYS_PER_QUERY = 100;
  private static final int IDS_PER_QUERY = 500;
  private static final String[] RUN_ID_NAMES = AttributeNames.RUN_ID.toArray(String[]::new);

  private RunRehoming() {}

  /**
   * Rehomes what the spans just inserted in this transaction make rehomable.
   *
   * @param c the write transaction's connection
   * @param inserted the spans the transaction inserted (not those it skipped as already stored)
   * @return how many spans moved
   */
  static int rehome(Connection c, List<SpanRecord> inserted) throws SQLException {
    Map<String, List<Span>> byTenant = new LinkedHashMap<>();
    for (SpanRecord record : inserted) {
      byTenant.computeIfAbsent(record.span().tenantId(), t -> new ArrayList<>()).add(record.span());
    }
    int moved = 0;
    TraceRehoming traces = null;
    for (Map.Entry<String, List<Span>> tenant : byTenant.entrySet()) {
      Map<String, Map<String, String>> anchors = anchors(c, tenant.getKey(), tenant.getValue());
      if (anchors.isEmpty()) {
        continue;
      }
      if (traces == null) {
        traces = new TraceRehoming(c, Dialect.of(c.getMetaData().getURL()));
      }
      for (String trace : withTraceRun(c, tenant.getKey(), tenant.getValue(), anchors.keySet())) {
        moved += traces.rehome(tenant.getKey(), trace, anchors.get(trace));
      }
    }
    return moved;
  }

  /**
   * Per trace, the spans whose children may wait in the trace's run, with their runs: the spans just written with a
   * run of their own, and the stored parents (with a run of their own) of spans just written into the trace run.
   */
  private static Map<String, Map<String, String>> anchors(Connection c, String tenantId, List<Span> spans)
      throws SQLException {
    Map<String, Map<String, String>> anchors = new LinkedHashMap<>();
    Set<String> written = new java.util.HashSet<>();
    for (Span span : spans) {
      written.add(span.traceId() + '/' + span.spanId());
      if (!inTraceRun(span)) {
        anchors.computeIfAbsent(span.traceId(), t -> new HashMap<>()).put(span.spanId(), span.runId());
      }
    }
    Set<List<String>> strayParents = new LinkedHashSet<>();
    for (Span span : spans) {
      if (inTraceRun(span) && span.parentSpanId() != null && !hasOwnRunId(span)
          && !written.contains(span.traceId() + '/' + span.parentSpanId())) {
        strayParents.add(List.of(span.traceId(), span.parentSpanId()));
      }
    }
    if (!strayParents.isEmpty()) {
      storedRunsOf(c, tenantId, new ArrayList<>(strayParents)).forEach((key, run) -> {
        if (!run.equals(key.get(0))) {
          anchors.computeIfAbsent(key.get(0), t -> new HashMap<>()).put(key.get(1), run);
        }
      });
    }
    return anchors;
  }

  /**
   * Which of these traces have a trace-id run. Those the write put spans into surely do; the rest are looked up in
   * one query by primary key.
   */
  private static List<String> withTraceRun(Connection c, String tenantId, List<Span> spans, Set<String> traces)
      throws SQLException {
    Set<String> known = new LinkedHashSet<>();
    for (Span span : spans) {
      if (inTraceRun(span) && traces.contains(span.traceId())) {
        known.add(span.traceId());
      }
    }
    List<String> unknown = new ArrayList<>();
    for (String trace : traces) {
      if (!known.contains(trace)) {
        unknown.add(trace);
      }
    }
    for (int from = 0; from < unknown.size(); from += IDS_PER_QUERY) {
      List<String> chunk = unknown.subList(from, Math.min(unknown.size(), from + IDS_PER_QUERY));
      try (PreparedStatement ps = c.prepareStatement("SELECT run_id FROM runs WHERE tenant_id = ? AND run_id IN ("
          + placeholders(chunk.size()) + ")")) {
        ps.setString(1, tenantId);
        for (int i = 0; i < chunk.size(); i++) {
          ps.setString(i + 2, chunk.get(i));
        }
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            known.add(rs.getString(1));
          }
        }
      }
    }
    return new ArrayList<>(known);
  }

  /** The runs of stored spans, keyed by [trace id, span id]; spans not stored are absent. */
  private static Map<List<String>, String> storedRunsOf(Connection c, String tenantId, List<List<String>> keys)
      throws SQLException {
    Map<List<String>, String> runs = new HashMap<>();
    for (int from = 0; from < keys.size(); from += KEYS_PER_QUERY) {
      List<List<String>> chunk = keys.subList(from, Math.min(keys.size(), from + KEYS_PER_QUERY));
      StringBuilder sql = new StringBuilder("SELECT trace_id, span_id, run_id FROM spans WHERE tenant_id = ? AND (");
      for (int i = 0; i < chunk.size(); i++) {
        sql.append(i == 0 ? "" : " OR ").append("(trace_id = ? AND span_id = ?)");
      }
      try (PreparedStatement ps = c.prepareStatement(sql.append(')').toString())) {
        ps.setString(1, tenantId);
        for (int i = 0; i < chunk.size(); i++) {
          ps.setString(2 + 2 * i, chunk.get(i).get(0));
          ps.setString(3 + 2 * i, chunk.get(i).get(1));
        }
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            runs.put(List.of(rs.getString(1), rs.getString(2)), rs.getString(3));
          }
        }
      }
    }
    return runs;
  }

  /** Whether the span is in its trace's run: by rule 4, or by a run id that is its trace id. */
  static boolean inTraceRun(Span span) {
    return span.runId().equals(span.traceId());
  }

  /** Whether the span names its run itself (rules 1 and 2), so that no parent decides it. */
  static boolean hasOwnRunId(Span span) {
    return hasOwnRunId(span.attributes(), span.resourceAttributes());
  }

  static boolean hasOwnRunId(Map<String, Object> attributes, Map<String, Object> resource) {
    return Attributes.firstString(attributes, RUN_ID_NAMES) != null
        || Attributes.firstString(resource, RUN_ID_NAMES) != null;
  }

  static String placeholders(int count) {
    return String.join(", ", java.util.Collections.nCopies(count, "?"));
  }
}
