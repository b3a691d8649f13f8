package dev.aegis.store;

import static dev.aegis.store.JdbcTelemetryStore.cap;
import static dev.aegis.store.TelemetryRows.EVENT_COLUMNS;
import static dev.aegis.store.TelemetryRows.PROMPT_COLUMNS;
import static dev.aegis.store.TelemetryRows.RUN_COLUMNS;

import dev.aegis.core.telemetry.PromptSnapshot;
import dev.aegis.core.telemetry.Run;
import dev.aegis.core.telemetry.RunEvent;
import dev.aegis.core.telemetry.ToolCall;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

/**
 * The reads of the trace-first query that go beyond one run: runs by id, a run's ancestors, child counts, and a
 * whole trace's envelopes and events. Each is one indexed query (runs by id: one per 500 ids).
 */
final class JdbcTraceReads {
  /** The deepest ancestor chain one query follows, whatever is asked for. */
  static final int MAX_ANCESTORS = 1_000;
  private static final int IDS_PER_QUERY = 500;

  private final Jdbi jdbi;
  private final Dialect dialect;
  private final String toolColumns;

  JdbcTraceReads(Jdbi jdbi, Dialect dialect) {
    this.jdbi = jdbi;
    this.dialect = dialect;
    this.toolColumns = TelemetryRows.toolColumns(dialect);
  }

  List<Run> runsByIds(String tenantId, Collection<String> runIds) {
    List<String> ids = new ArrayList<>(new LinkedHashSet<>(runIds));
    if (ids.isEmpty()) {
      return List.of();
    }
    return Sql.call("read runs by id", () -> jdbi.withHandle(h -> {
      List<Run> found = new ArrayList<>();
      for (int from = 0; from < ids.size(); from += IDS_PER_QUERY) {
        found.addAll(h.createQuery("SELECT " + RUN_COLUMNS + " FROM runs WHERE tenant_id = :tenant"
                + " AND run_id IN (<runs>)")
            .bind("tenant", tenantId)
            .bindList("runs", ids.subList(from, Math.min(ids.size(), from + IDS_PER_QUERY)))
            .map(TelemetryRows::run)
            .list());
      }
      found.sort(Comparator.comparing(Run::startedAt).thenComparing(Run::runId));
      return JdbcTelemetryStore.withModels(h, tenantId, found);
    }));
  }

  /**
   * Follows {@code parent_run_id} in one recursive query. A cycle would repeat until the depth bound, so the bound
   * keeps the query finite and the walk below cuts the chain at the first repeat.
   */
  List<Run> ancestors(String tenantId, String runId, int maxDepth) {
    int depth = Math.max(0, Math.min(maxDepth, MAX_ANCESTORS));
    if (depth == 0) {
      return List.of();
    }
    String sql = "WITH RECURSIVE chain(ancestor_id, depth) AS ("
        + " SELECT parent_run_id, 1 FROM runs"
        + "   WHERE tenant_id = :tenant AND run_id = :run AND parent_run_id IS NOT NULL"
        + " UNION ALL"
        + " SELECT runs.parent_run_id, chain.depth + 1 FROM chain JOIN runs"
        + "   ON runs.tenant_id = :tenant AND runs.run_id = chain.ancestor_id"
        + "   WHERE runs.parent_run_id IS NOT NULL AND chain.depth < :depth)"
        + " SELECT " + RUN_COLUMNS + " FROM chain JOIN runs"
        + "   ON runs.tenant_id = :tenant AND runs.run_id = chain.ancestor_id"
        + " ORDER BY chain.depth";
    return Sql.call("follow a run's ancestors", () -> jdbi.withHandle(h -> {
      List<Run> chain = h.createQuery(sql)
          .bind("tenant", tenantId)
          .bind("run", runId)
          .bind("depth", depth)
          .map(TelemetryRows::run)
          .list();
      Set<String> seen = new HashSet<>();
      seen.add(runId);
      List<Run> out = new ArrayList<>();
      String expected = null;
      for (Run run : chain) {
        // a missing parent ends the recursion, so rows are consecutive links; check anyway
        if ((expected != null && !expected.equals(run.runId())) || !seen.add(run.runId())) {
          break;
        }
        out.add(run);
        expected = run.parentRunId();
      }
      return JdbcTelemetryStore.withModels(h, tenantId, out);
    }));
  }

  long childRunCount(String tenantId, String parentRunId) {
    return count("count child runs",
        "SELECT COUNT(*) FROM runs WHERE tenant_id = :tenant AND parent_run_id = :v", tenantId, parentRunId);
  }

  long spanCountOfTrace(String tenantId, String traceId) {
    return count("count the spans of a trace",
        "SELECT COUNT(*) FROM spans WHERE tenant_id = :tenant AND trace_id = :v", tenantId, traceId);
  }

  List<ToolCall> toolCallsOfTrace(String tenantId, String traceId, int limit) {
    return ofTrace("tool_calls", toolColumns, "started_ns, span_id", tenantId, traceId, limit,
        TelemetryRows.toolCalls(dialect, tenantId));
  }

  List<PromptSnapshot> promptSnapshotsOfTrace(String tenantId, String traceId, int limit) {
    return ofTrace("prompt_snapshots", PROMPT_COLUMNS, "at_ns, span_id", tenantId, traceId, limit,
        TelemetryRows::prompt);
  }

  List<RunEvent> runEventsOfTrace(String tenantId, String traceId, int limit) {
    return ofTrace("run_events", EVENT_COLUMNS, "time_ns, span_id, seq", tenantId, traceId, limit,
        TelemetryRows::runEvent);
  }

  private long count(String what, String sql, String tenantId, String value) {
    return Sql.call(what, () -> jdbi.withHandle(h -> h.createQuery(sql)
        .bind("tenant", tenantId)
        .bind("v", value)
        .mapTo(Long.class)
        .one()));
  }

  /**
   * The derived rows of a trace, reached through the runs that have spans in it: the derived tables are indexed by
   * run only (an index by trace would cost the ingest writer a random-order page write per row), and the spans'
   * primary key finds a trace's runs.
   */
  private <T> List<T> ofTrace(String table, String columns, String order, String tenantId, String traceId,
      int limit, RowMapper<T> mapper) {
    return Sql.call("read the " + table.replace('_', ' ') + " of a trace", () -> jdbi.withHandle(h ->
        h.createQuery("SELECT " + columns + " FROM " + table + " WHERE tenant_id = :tenant AND run_id IN"
                + " (SELECT DISTINCT run_id FROM spans WHERE tenant_id = :tenant AND trace_id = :trace)"
                + " AND trace_id = :trace ORDER BY " + order + " LIMIT :limit")
            .bind("tenant", tenantId)
            .bind("trace", traceId)
            .bind("limit", cap(limit))
            .map(mapper)
            .list()));
  }
}
