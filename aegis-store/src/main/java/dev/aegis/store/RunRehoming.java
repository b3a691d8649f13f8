package dev.aegis.store;

import dev.aegis.core.telemetry.AttributeNames;
import dev.aegis.core.telemetry.Attributes;
import dev.aegis.core.telemetry.Span;
import dev.aegis.core.telemetry.SpanKey;
import dev.aegis.core.telemetry.SpanRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
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
      String tenantId = tenant.getKey();
      List<Span> spans = tenant.getValue();
      // the usual write (every span in a run of its own) costs this pass and the one query below
      Set<String> candidates = new LinkedHashSet<>();
      boolean anyInTraceRun = false;
      for (Span span : spans) {
        if (inTraceRun(span)) {
          anyInTraceRun = true;
        } else {
          candidates.add(span.traceId());
        }
      }
      Map<String, Map<String, String>> storedParents = anyInTraceRun ? storedParents(c, tenantId, spans) : Map.of();
      candidates.addAll(storedParents.keySet());
      if (candidates.isEmpty()) {
        continue;
      }
      List<String> withTraceRun = withTraceRun(c, tenantId, spans, candidates);
      if (withTraceRun.isEmpty()) {
        continue;
      }
      if (traces == null) {
        traces = new TraceRehoming(c, Dialect.of(c.getMetaData().getURL()));
      }
      for (String trace : withTraceRun) {
        Map<String, String> anchors = new HashMap<>(storedParents.getOrDefault(trace, Map.of()));
        for (Span span : spans) {
          if (span.traceId().equals(trace) && !inTraceRun(span)) {
            anchors.put(span.spanId(), span.runId());
          }
        }
        moved += traces.rehome(tenantId, trace, anchors);
      }
    }
    return moved;
  }

  /**
   * For spans just written into their trace's run whose parent was not in this write: the parents that are stored
   * in a run of their own, per trace, with their runs. The mapper looked for these parents already; it finds one
   * here only when the parent was stored in between (a concurrent request, another server).
   */
  private static Map<String, Map<String, String>> storedParents(Connection c, String tenantId, List<Span> spans)
      throws SQLException {
    Set<SpanKey> written = new HashSet<>();
    for (Span span : spans) {
      written.add(span.key());
    }
    Set<SpanKey> parents = new LinkedHashSet<>();
    for (Span span : spans) {
      if (inTraceRun(span) && span.parentSpanId() != null && !hasOwnRunId(span)) {
        SpanKey parent = new SpanKey(span.traceId(), span.parentSpanId());
        if (!written.contains(parent)) {
          parents.add(parent);
        }
      }
    }
    Map<String, Map<String, String>> found = new LinkedHashMap<>();
    if (!parents.isEmpty()) {
      storedRunsOf(c, tenantId, new ArrayList<>(parents)).forEach((key, run) -> {
        if (!run.equals(key.traceId())) {
          found.computeIfAbsent(key.traceId(), t -> new HashMap<>()).put(key.spanId(), run);
        }
      });
    }
    return found;
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

  /** The runs of stored spans; spans not stored are absent. */
  private static Map<SpanKey, String> storedRunsOf(Connection c, String tenantId, List<SpanKey> keys)
      throws SQLException {
    Map<SpanKey, String> runs = new HashMap<>();
    for (int from = 0; from < keys.size(); from += KEYS_PER_QUERY) {
      List<SpanKey> chunk = keys.subList(from, Math.min(keys.size(), from + KEYS_PER_QUERY));
      StringBuilder sql = new StringBuilder("SELECT trace_id, span_id, run_id FROM spans WHERE tenant_id = ? AND (");
      for (int i = 0; i < chunk.size(); i++) {
        sql.append(i == 0 ? "" : " OR ").append("(trace_id = ? AND span_id = ?)");
      }
      try (PreparedStatement ps = c.prepareStatement(sql.append(')').toString())) {
        ps.setString(1, tenantId);
        for (int i = 0; i < chunk.size(); i++) {
          ps.setString(2 + 2 * i, chunk.get(i).traceId());
          ps.setString(3 + 2 * i, chunk.get(i).spanId());
        }
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            runs.put(new SpanKey(rs.getString(1), rs.getString(2)), rs.getString(3));
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
