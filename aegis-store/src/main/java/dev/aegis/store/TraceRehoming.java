package dev.aegis.store;

import static dev.aegis.store.RunRehoming.placeholders;

import dev.aegis.core.telemetry.RunDelta;
import dev.aegis.core.telemetry.SpanCategory;
import dev.aegis.core.telemetry.SpanStatus;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The moving of {@link RunRehoming} for one trace of one tenant, inside the write transaction: which spans of the
 * trace-id run move where, then the spans, their derived rows and the run sums.
 */
final class TraceRehoming {
  private static final int IDS_PER_QUERY = 500;
  private static final List<String> DERIVED = List.of("tool_calls", "prompt_snapshots", "run_events");

  private final Connection c;
  private final RunSums sums;

  TraceRehoming(Connection c, Dialect dialect) {
    this.c = c;
    this.sums = new RunSums(c, dialect);
  }

  /**
   * Moves the spans of the trace's run that hang below the anchors (spans with a run of their own) to the anchors'
   * runs.
   *
   * @param anchors span id to run, for spans of this trace that are in a run of their own
   * @return how many spans moved
   */
  int rehome(String tenantId, String traceId, Map<String, String> anchors) throws SQLException {
    Map<String, List<String>> children = childrenInTraceRun(tenantId, traceId);
    Map<String, String> moving = below(anchors, children, Set.of());
    if (moving.isEmpty()) {
      return 0;
    }
    Map<String, StoredSpan> rows = read(tenantId, traceId, moving.keySet());
    // a span that names its run itself stays, and so does what hangs below it
    Set<String> stays = new java.util.HashSet<>();
    rows.forEach((id, row) -> {
      if (row.ownRunId()) {
        stays.add(id);
      }
    });
    if (!stays.isEmpty()) {
      moving = below(anchors, children, stays);
      if (moving.isEmpty()) {
        return 0;
      }
    }

    Map<String, List<String>> byRun = new LinkedHashMap<>();
    Map<String, RunDelta> deltas = new LinkedHashMap<>();
    RunDelta leaving = null;
    for (Map.Entry<String, String> move : moving.entrySet()) {
      StoredSpan row = rows.get(move.getKey());
      if (row == null) {
        continue; // gone between the two reads: not in this transaction's snapshot, so nothing to move
      }
      String run = move.getValue();
      byRun.computeIfAbsent(run, r -> new ArrayList<>()).add(move.getKey());
      RunDelta delta = row.delta(tenantId, run, traceId);
      deltas.merge(run, delta, RunDelta::plus);
      RunDelta left = row.delta(tenantId, traceId, traceId);
      leaving = leaving == null ? left : leaving.plus(left);
    }
    if (leaving == null) {
      return 0;
    }
    int moved = 0;
    for (Map.Entry<String, List<String>> run : byRun.entrySet()) {
      moved += move(tenantId, traceId, run.getKey(), run.getValue());
    }
    sums.add(deltas.values());
    sums.subtractFromTraceRun(tenantId, traceId, leaving);
    return moved;
  }

  /** Parent span id to child span ids, of the spans in the trace's run. */
  private Map<String, List<String>> childrenInTraceRun(String tenantId, String traceId) throws SQLException {
    Map<String, List<String>> children = new HashMap<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT span_id, parent_span_id FROM spans"
        + " WHERE tenant_id = ? AND run_id = ? AND trace_id = ?")) {
      ps.setString(1, tenantId);
      ps.setString(2, traceId);
      ps.setString(3, traceId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String parent = rs.getString(2);
          if (parent != null) {
            children.computeIfAbsent(parent, p -> new ArrayList<>(2)).add(rs.getString(1));
          }
        }
      }
    }
    return children;
  }

  /**
   * The spans of the trace's run below the anchors, each with the run of the anchor above it, leaving out the spans
   * that stay and all below them. Breadth first; a loop of parent ids is walked once.
   */
  private static Map<String, String> below(Map<String, String> anchors, Map<String, List<String>> children,
      Set<String> stays) {
    Map<String, String> moving = new LinkedHashMap<>();
    Deque<String> queue = new ArrayDeque<>(anchors.keySet());
    Map<String, String> runOf = new HashMap<>(anchors);
    while (!queue.isEmpty()) {
      String parent = queue.removeFirst();
      String run = runOf.get(parent);
      for (String child : children.getOrDefault(parent, List.of())) {
        if (stays.contains(child) || anchors.containsKey(child) || moving.containsKey(child)) {
          continue;
        }
        moving.put(child, run);
        runOf.put(child, run);
        queue.addLast(child);
      }
    }
    return moving;
  }

  /** What the run sums need of the spans that may move. */
  private Map<String, StoredSpan> read(String tenantId, String traceId, Set<String> spanIds) throws SQLException {
    List<String> ids = new ArrayList<>(spanIds);
    Map<String, StoredSpan> rows = new HashMap<>();
    for (int from = 0; from < ids.size(); from += IDS_PER_QUERY) {
      List<String> chunk = ids.subList(from, Math.min(ids.size(), from + IDS_PER_QUERY));
      try (PreparedStatement ps = c.prepareStatement("SELECT span_id, category, status, start_ns, end_ns,"
          + " service_name, attributes, resource_attributes FROM spans WHERE tenant_id = ? AND run_id = ?"
          + " AND trace_id = ? AND span_id IN (" + placeholders(chunk.size()) + ")")) {
        ps.setString(1, tenantId);
        ps.setString(2, traceId);
        ps.setString(3, traceId);
        for (int i = 0; i < chunk.size(); i++) {
          ps.setString(4 + i, chunk.get(i));
        }
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            rows.put(rs.getString(1), new StoredSpan(SpanCategory.fromWire(rs.getString(2)),
                SpanStatus.fromWire(rs.getString(3)), rs.getLong(4), rs.getLong(5), rs.getString(6),
                StoredJson.map(rs.getBytes(7)), StoredJson.map(rs.getBytes(8))));
          }
        }
      }
    }
    return rows;
  }

  /** Moves spans and what is derived from them from the trace's run to another; returns how many spans moved. */
  private int move(String tenantId, String traceId, String run, List<String> spanIds) throws SQLException {
    int moved = 0;
    for (int from = 0; from < spanIds.size(); from += IDS_PER_QUERY) {
      List<String> chunk = spanIds.subList(from, Math.min(spanIds.size(), from + IDS_PER_QUERY));
      moved += update("spans", tenantId, traceId, run, chunk);
      for (String table : DERIVED) {
        update(table, tenantId, traceId, run, chunk);
      }
    }
    return moved;
  }

  private int update(String table, String tenantId, String traceId, String run, List<String> spanIds)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("UPDATE " + table + " SET run_id = ? WHERE tenant_id = ?"
        + " AND run_id = ? AND trace_id = ? AND span_id IN (" + placeholders(spanIds.size()) + ")")) {
      ps.setString(1, run);
      ps.setString(2, tenantId);
      ps.setString(3, traceId);
      ps.setString(4, traceId);
      for (int i = 0; i < spanIds.size(); i++) {
        ps.setString(5 + i, spanIds.get(i));
      }
      return ps.executeUpdate();
    }
  }
}
