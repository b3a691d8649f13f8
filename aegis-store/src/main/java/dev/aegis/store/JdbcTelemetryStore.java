package dev.aegis.store;

import static dev.aegis.store.TelemetryRows.EVENT_COLUMNS;
import static dev.aegis.store.TelemetryRows.PROMPT_COLUMNS;
import static dev.aegis.store.TelemetryRows.RUN_COLUMNS;

import dev.aegis.core.page.Page;
import dev.aegis.core.page.PageRequest;
import dev.aegis.core.telemetry.Nanos;
import dev.aegis.core.telemetry.PromptSnapshot;
import dev.aegis.core.telemetry.Run;
import dev.aegis.core.telemetry.RunCursor;
import dev.aegis.core.telemetry.RunEvent;
import dev.aegis.core.telemetry.RunFilter;
import dev.aegis.core.telemetry.Span;
import dev.aegis.core.telemetry.SpanBatch;
import dev.aegis.core.telemetry.SpanKey;
import dev.aegis.core.telemetry.TelemetryStore;
import dev.aegis.core.telemetry.ToolCall;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.Query;

/** The telemetry tables on SQLite or PostgreSQL: batched writes, indexed reads, purges in short transactions. */
final class JdbcTelemetryStore implements TelemetryStore {
  private static final int KEYS_PER_QUERY = 100;
  static final Comparator<Span> SPANS_IN_ORDER =
      Comparator.comparingLong(Span::startUnixNanos).thenComparing(Span::spanId);
  static final Comparator<ToolCall> TOOL_CALLS_IN_ORDER =
      Comparator.comparing(ToolCall::startedAt).thenComparing(ToolCall::spanId);
  static final Comparator<PromptSnapshot> PROMPTS_IN_ORDER =
      Comparator.comparing(PromptSnapshot::at).thenComparing(PromptSnapshot::spanId);
  static final Comparator<RunEvent> EVENTS_IN_ORDER =
      Comparator.comparing(RunEvent::time).thenComparing(RunEvent::spanId);
  private static final long PURGE_SPANS_PER_TRANSACTION = 5_000;

  private final Jdbi jdbi;
  private final Dialect dialect;
  private final JdbcTelemetryWriter writer;
  private final JdbcTraceReads traceReads;
  private final String spanColumns;
  private final String toolColumns;
  private final Runnable afterWrite;

  /** @param afterWrite told after each write transaction committed (SQLite's checkpointer); must return at once */
  JdbcTelemetryStore(Jdbi jdbi, Dialect dialect, Runnable afterWrite) {
    this.jdbi = jdbi;
    this.dialect = dialect;
    this.afterWrite = afterWrite;
    this.writer = new JdbcTelemetryWriter(dialect);
    this.traceReads = new JdbcTraceReads(jdbi, dialect);
    this.spanColumns = TelemetryRows.spanColumns(dialect);
    this.toolColumns = TelemetryRows.toolColumns(dialect);
  }

  @Override
  public int write(List<SpanBatch> batches) {
    if (batches.stream().allMatch(b -> b.records().isEmpty())) {
      return 0;
    }
    int written = Sql.call("store spans", () -> jdbi.inTransaction(h -> {
      try {
        return writer.write(h.getConnection(), batches);
      } catch (SQLException e) {
        throw new IllegalStateException(e.getMessage(), e); // rolls back; Sql.call makes it a StoreException
      }
    }));
    afterWrite.run();
    return written;
  }

  @Override
  public Optional<Run> run(String tenantId, String runId) {
    return Sql.call("read a run", () -> jdbi.withHandle(h -> withModels(h, tenantId,
        h.createQuery("SELECT " + RUN_COLUMNS + " FROM runs WHERE tenant_id = :tenant AND run_id = :run")
            .bind("tenant", tenantId)
            .bind("run", runId)
            .map(TelemetryRows::run)
            .list()))
        .stream().findFirst());
  }

  @Override
  public Page<Run> runs(String tenantId, RunFilter filter, PageRequest page) {
    RunCursor after = page.afterId() == null ? null : RunCursor.parse(page.afterId())
        .orElseThrow(() -> new IllegalArgumentException("not a runs cursor: " + page.afterId()));
    StringBuilder sql = new StringBuilder("SELECT " + RUN_COLUMNS + " FROM runs WHERE tenant_id = :tenant");
    if (filter.agentId() != null) {
      sql.append(" AND agent_id = :agent");
    }
    if (filter.taskType() != null) {
      sql.append(" AND task_type = :taskType");
    }
    if (filter.status() != null) {
      sql.append(" AND status = :status");
    }
    if (filter.startedFrom() != null) {
      sql.append(" AND started_ns >= :from");
    }
    if (filter.startedBefore() != null) {
      sql.append(" AND started_ns < :before");
    }
    if (filter.hasError() != null) {
      sql.append(filter.hasError() ? " AND error_count > 0" : " AND error_count = 0");
    }
    if (filter.model() != null) {
      sql.append(" AND EXISTS (SELECT 1 FROM run_models m WHERE m.tenant_id = runs.tenant_id"
          + " AND m.run_id = runs.run_id AND m.model = :model)");
    }
    if (after != null) {
      sql.append(" AND (started_ns < :afterStart OR (started_ns = :afterStart AND run_id > :afterRun))");
    }
    sql.append(" ORDER BY started_ns DESC, run_id LIMIT :limit");
    return Sql.call("list runs", () -> jdbi.withHandle(h -> {
      Query query = h.createQuery(sql.toString())
          .bind("tenant", tenantId)
          .bind("agent", filter.agentId())
          .bind("taskType", filter.taskType())
          .bind("status", filter.status() == null ? null : filter.status().wireName())
          .bind("from", filter.startedFrom() == null ? null : Nanos.of(filter.startedFrom()))
          .bind("before", filter.startedBefore() == null ? null : Nanos.of(filter.startedBefore()))
          .bind("model", filter.model())
          .bind("afterStart", after == null ? null : after.startedUnixNanos())
          .bind("afterRun", after == null ? null : after.runId())
          .bind("limit", page.limit() + 1);
      List<Run> rows = withModels(h, tenantId, query.map(TelemetryRows::run).list());
      return Page.fromOverfetch(rows, page.limit(), RunCursor::after);
    }));
  }

  @Override
  public Page<Run> childRuns(String tenantId, String parentRunId, PageRequest page) {
    return Sql.call("list child runs", () -> jdbi.withHandle(h -> {
      List<Run> rows = withModels(h, tenantId, h.createQuery("SELECT " + RUN_COLUMNS + " FROM runs"
              + " WHERE tenant_id = :tenant AND parent_run_id = :parent"
              + (page.afterId() == null ? "" : " AND run_id > :after") + " ORDER BY run_id LIMIT :limit")
          .bind("tenant", tenantId)
          .bind("parent", parentRunId)
          .bind("after", page.afterId())
          .bind("limit", page.limit() + 1)
          .map(TelemetryRows::run)
          .list());
      return Page.fromOverfetch(rows, page.limit(), Run::runId);
    }));
  }

  @Override
  public List<Run> runsOfTrace(String tenantId, String traceId) {
    return Sql.call("list the runs of a trace", () -> jdbi.withHandle(h -> withModels(h, tenantId,
        h.createQuery("SELECT " + RUN_COLUMNS + " FROM runs WHERE tenant_id = :tenant AND run_id IN"
                + " (SELECT DISTINCT run_id FROM spans WHERE tenant_id = :tenant AND trace_id = :trace)"
                + " ORDER BY started_ns, run_id LIMIT :limit")
            .bind("tenant", tenantId)
            .bind("trace", traceId)
            .bind("limit", MAX_LIST)
            .map(TelemetryRows::run)
            .list())));
  }

  @Override
  public List<Span> spansOfRun(String tenantId, String runId, int limit) {
    return spansWhere("run_id", tenantId, runId, limit);
  }

  @Override
  public List<Span> spansOfTrace(String tenantId, String traceId, int limit) {
    return spansWhere("trace_id", tenantId, traceId, limit);
  }

  private List<Span> spansWhere(String column, String tenantId, String value, int limit) {
    return Sql.call("read spans", () -> jdbi.withHandle(h -> inTimeOrder(h,
        "SELECT " + spanColumns + " FROM spans WHERE tenant_id = :tenant AND " + column + " = :v", "start_ns",
        Map.of("tenant", tenantId, "v", value), limit, TelemetryRows.spans(dialect, tenantId), SPANS_IN_ORDER)));
  }

  @Override
  public Optional<Span> span(String tenantId, String traceId, String spanId) {
    return Sql.call("read a span", () -> jdbi.withHandle(h ->
        h.createQuery("SELECT " + spanColumns + " FROM spans"
                + " WHERE tenant_id = :tenant AND trace_id = :trace AND span_id = :span")
            .bind("tenant", tenantId)
            .bind("trace", traceId)
            .bind("span", spanId)
            .map(TelemetryRows.spans(dialect, tenantId))
            .findOne()));
  }

  @Override
  public Map<SpanKey, String> runIdsOf(String tenantId, Collection<SpanKey> spans) {
    if (spans.isEmpty()) {
      return Map.of();
    }
    List<SpanKey> keys = new ArrayList<>(new java.util.LinkedHashSet<>(spans));
    return Sql.call("look up the runs of spans", () -> jdbi.withHandle(h -> {
      Map<SpanKey, String> found = new HashMap<>();
      for (int from = 0; from < keys.size(); from += KEYS_PER_QUERY) {
        List<SpanKey> chunk = keys.subList(from, Math.min(keys.size(), from + KEYS_PER_QUERY));
        StringBuilder sql = new StringBuilder(
            "SELECT trace_id, span_id, run_id FROM spans WHERE tenant_id = :tenant AND (");
        for (int i = 0; i < chunk.size(); i++) {
          sql.append(i == 0 ? "" : " OR ").append("(trace_id = :t").append(i).append(" AND span_id = :s")
              .append(i).append(')');
        }
        Query query = h.createQuery(sql.append(')').toString()).bind("tenant", tenantId);
        for (int i = 0; i < chunk.size(); i++) {
          query.bind("t" + i, chunk.get(i).traceId()).bind("s" + i, chunk.get(i).spanId());
        }
        query.map((rs, ctx) -> Map.entry(new SpanKey(rs.getString(1), rs.getString(2)), rs.getString(3)))
            .forEach(e -> found.put(e.getKey(), e.getValue()));
      }
      return found;
    }));
  }

  @Override
  public List<ToolCall> toolCallsOfRun(String tenantId, String runId, int limit) {
    return ofRun("tool_calls", toolColumns, "started_ns", tenantId, runId, limit,
        TelemetryRows.toolCalls(dialect, tenantId), TOOL_CALLS_IN_ORDER);
  }

  @Override
  public List<PromptSnapshot> promptSnapshotsOfRun(String tenantId, String runId, int limit) {
    return ofRun("prompt_snapshots", PROMPT_COLUMNS, "at_ns", tenantId, runId, limit, TelemetryRows::prompt,
        PROMPTS_IN_ORDER);
  }

  @Override
  public List<PromptSnapshot> promptSnapshotsByHash(String tenantId, String promptHash, int limit) {
    return Sql.call("find prompt snapshots", () -> jdbi.withHandle(h ->
        h.createQuery("SELECT " + PROMPT_COLUMNS + " FROM prompt_snapshots"
                + " WHERE tenant_id = :tenant AND prompt_hash = :hash ORDER BY at_ns DESC, span_id LIMIT :limit")
            .bind("tenant", tenantId)
            .bind("hash", promptHash)
            .bind("limit", cap(limit))
            .map(TelemetryRows::prompt)
            .list()));
  }

  @Override
  public List<RunEvent> runEventsOfRun(String tenantId, String runId, int limit) {
    return ofRun("run_events", EVENT_COLUMNS, "time_ns", tenantId, runId, limit, TelemetryRows::runEvent,
        EVENTS_IN_ORDER);
  }

  private <T> List<T> ofRun(String table, String columns, String time, String tenantId, String runId, int limit,
      RowMapper<T> mapper, Comparator<T> order) {
    return Sql.call("read " + table.replace('_', ' '), () -> jdbi.withHandle(h -> inTimeOrder(h,
        "SELECT " + columns + " FROM " + table + " WHERE tenant_id = :tenant AND run_id = :run", time,
        Map.of("tenant", tenantId, "run", runId), limit, mapper, order)));
  }

  /**
   * At most {@code limit} (capped) rows of a select, by time, then span id. The database orders by time only, which
   * the tables' indexes by run give for free; ties are put in span id order here, which spares it sorting whole rows
   * (10,000 of them for a large run). Past the cap, which of the rows that tie at the cut are in is the database's to
   * decide exactly, so then it sorts.
   */
  static <T> List<T> inTimeOrder(Handle h, String select, String time, Map<String, Object> binds, int limit,
      RowMapper<T> mapper, Comparator<T> order) {
    int cap = cap(limit);
    List<T> rows = h.createQuery(select + " ORDER BY " + time + " LIMIT :limit")
        .bindMap(binds)
        .bind("limit", cap + 1)
        .map(mapper)
        .collect(Collectors.toCollection(ArrayList::new));
    if (rows.size() <= cap) {
      rows.sort(order);
      return rows;
    }
    return h.createQuery(select + " ORDER BY " + time + ", span_id LIMIT :limit")
        .bindMap(binds)
        .bind("limit", cap)
        .map(mapper)
        .list();
  }

  @Override
  public List<Run> runsByIds(String tenantId, Collection<String> runIds) {
    return traceReads.runsByIds(tenantId, runIds);
  }

  @Override
  public List<Run> ancestors(String tenantId, String runId, int maxDepth) {
    return traceReads.ancestors(tenantId, runId, maxDepth);
  }

  @Override
  public long childRunCount(String tenantId, String parentRunId) {
    return traceReads.childRunCount(tenantId, parentRunId);
  }

  @Override
  public long spanCountOfTrace(String tenantId, String traceId) {
    return traceReads.spanCountOfTrace(tenantId, traceId);
  }

  @Override
  public List<ToolCall> toolCallsOfTrace(String tenantId, String traceId, int limit) {
    return traceReads.toolCallsOfTrace(tenantId, traceId, limit);
  }

  @Override
  public List<PromptSnapshot> promptSnapshotsOfTrace(String tenantId, String traceId, int limit) {
    return traceReads.promptSnapshotsOfTrace(tenantId, traceId, limit);
  }

  @Override
  public List<RunEvent> runEventsOfTrace(String tenantId, String traceId, int limit) {
    return traceReads.runEventsOfTrace(tenantId, traceId, limit);
  }

  @Override
  public int purgeRunsEndedBefore(String tenantId, Instant cutoff, int maxRuns) {
    return Sql.call("purge old runs", () -> jdbi.inTransaction(h -> {
      List<Map.Entry<String, Long>> oldest = h.createQuery("SELECT run_id, span_count FROM runs"
              + " WHERE tenant_id = :tenant AND ended_ns < :cutoff ORDER BY ended_ns LIMIT :limit")
          .bind("tenant", tenantId)
          .bind("cutoff", Nanos.of(cutoff))
          .bind("limit", Math.max(1, maxRuns))
          .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getLong(2)))
          .list();
      // keep each transaction short, so the ingest writer never waits long for the lock: stop at a span budget
      List<String> runs = new ArrayList<>();
      long spans = 0;
      for (Map.Entry<String, Long> run : oldest) {
        if (!runs.isEmpty() && spans + run.getValue() > PURGE_SPANS_PER_TRANSACTION) {
          break;
        }
        runs.add(run.getKey());
        spans += run.getValue();
      }
      if (runs.isEmpty()) {
        return 0;
      }
      for (String table : List.of("spans", "tool_calls", "prompt_snapshots", "run_events", "run_models", "runs")) {
        h.createUpdate("DELETE FROM " + table + " WHERE tenant_id = :tenant AND run_id IN (<runs>)")
            .bind("tenant", tenantId)
            .bindList("runs", runs)
            .execute();
      }
      return runs.size();
    }));
  }

  static int cap(int limit) {
    return Math.max(1, Math.min(limit, MAX_LIST));
  }

  /** Fills in each run's models with one more query. */
  static List<Run> withModels(Handle h, String tenantId, List<Run> runs) {
    if (runs.isEmpty()) {
      return runs;
    }
    Map<String, TreeSet<String>> models = new TreeMap<>();
    h.createQuery("SELECT run_id, model FROM run_models WHERE tenant_id = :tenant AND run_id IN (<runs>)")
        .bind("tenant", tenantId)
        .bindList("runs", runs.stream().map(Run::runId).toList())
        .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getString(2)))
        .forEach(e -> models.computeIfAbsent(e.getKey(), k -> new TreeSet<>()).add(e.getValue()));
    List<Run> out = new ArrayList<>(runs.size());
    for (Run r : runs) {
      TreeSet<String> names = models.get(r.runId());
      out.add(names == null ? r : new Run(r.tenantId(), r.runId(), r.traceId(), r.parentRunId(), r.agentId(),
          r.agentName(), r.agentVersion(), r.taskType(), r.stage(), r.serviceName(), r.environment(), r.region(),
          r.conversationId(), r.status(), r.startedAt(), r.endedAt(), r.inputTokens(), r.outputTokens(),
          r.cachedInputTokens(), r.spanCount(), r.errorCount(), r.toolCallCount(), List.copyOf(names)));
    }
    return out;
  }
}
