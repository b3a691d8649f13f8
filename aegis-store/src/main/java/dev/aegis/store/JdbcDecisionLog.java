package dev.aegis.store;

import dev.aegis.core.page.Page;
import dev.aegis.core.page.PageRequest;
import dev.aegis.core.policy.DecisionCursor;
import dev.aegis.core.policy.DecisionLog;
import dev.aegis.core.policy.DecisionQuery;
import dev.aegis.core.policy.DecisionRecord;
import dev.aegis.core.policy.Outcome;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.StatementContext;

/** The decision log on JDBC: batched appends, keyset pages newest first, and retention in short transactions. */
final class JdbcDecisionLog implements DecisionLog {
  private static final String COLUMNS = "decision_id, tenant_id, at, agent_id, run_id, trace_id, task_type, stage,"
      + " action, connector, resource, attributes, outcome, reasons, policies, shadow_outcome, latency_ns, sampled,"
      + " agent_labels";
  /** Rows per retention transaction, so that purging never holds locks for long. */
  private static final int PURGE_CHUNK = 5_000;
  /** Rows per round trip while streaming inputs. */
  private static final int FETCH_SIZE = 500;

  private final Jdbi jdbi;
  private final Dialect dialect;

  JdbcDecisionLog(Jdbi jdbi, Dialect dialect) {
    this.jdbi = jdbi;
    this.dialect = dialect;
  }

  @Override
  public int append(List<DecisionRecord> decisions) {
    if (decisions.isEmpty()) {
      return 0;
    }
    return Sql.call("append decisions", () -> jdbi.inTransaction(h -> {
      PreparedBatch batch = h.prepareBatch("INSERT INTO decisions (" + COLUMNS + ") VALUES (:id, :tenant, :at,"
          + " :agent, :run, :trace, :task, :stage, :action, :connector, :resource, :attributes, :outcome, :reasons,"
          + " :policies, :shadow, :latency, :sampled, :labels) ON CONFLICT (decision_id) DO NOTHING");
      for (DecisionRecord d : decisions) {
        batch.bind("id", d.decisionId())
            .bind("tenant", d.tenantId())
            .bind("at", Times.toMillis(d.at()))
            .bind("agent", d.agentId())
            .bind("run", d.runId())
            .bind("trace", d.traceId())
            .bind("task", d.taskType())
            .bind("stage", d.stage())
            .bind("action", d.action())
            .bind("connector", d.connector())
            .bind("resource", d.resource())
            .bind("attributes", d.attributes())
            .bind("outcome", d.outcome().wire())
            .bind("reasons", d.reasons())
            .bind("policies", TelemetryJson.write(d.policies()))
            .bind("shadow", d.shadowOutcome() == null ? null : d.shadowOutcome().wire())
            .bind("latency", d.latencyNanos())
            .bind("sampled", d.sampled())
            .bind("labels", d.agentLabels().isEmpty() ? null : TelemetryJson.write(d.agentLabels()))
            .add();
      }
      int stored = 0;
      for (int count : batch.execute()) {
        stored += count > 0 ? 1 : 0;
      }
      return stored;
    }));
  }

  @Override
  public Optional<DecisionRecord> find(String tenantId, String decisionId) {
    return Sql.call("read a decision", () -> jdbi.withHandle(h ->
        h.createQuery("SELECT " + COLUMNS + " FROM decisions WHERE tenant_id = :tenant AND decision_id = :id")
            .bind("tenant", tenantId)
            .bind("id", decisionId)
            .map(JdbcDecisionLog::map)
            .findOne()));
  }

  @Override
  public Page<DecisionRecord> query(String tenantId, DecisionQuery query, PageRequest page) {
    DecisionCursor after = page.afterId() == null ? null : DecisionCursor.parse(page.afterId())
        .orElseThrow(() -> new IllegalArgumentException("not a decisions cursor: " + page.afterId()));
    String sql = querySql(query, after != null, dialect);
    return Sql.call("list decisions", () -> jdbi.withHandle(h -> {
      Query q = h.createQuery(sql)
          .bind("tenant", tenantId)
          .bind("agent", query.agentId())
          .bind("run", query.runId())
          .bind("outcome", query.outcome() == null ? null : query.outcome().wire())
          .bind("action", query.action())
          .bind("connector", query.connector())
          .bind("from", Times.toMillis(query.from()))
          .bind("to", Times.toMillis(query.to()))
          .bind("afterAt", after == null ? null : after.atMillis())
          .bind("afterId", after == null ? null : after.decisionId())
          .bind("limit", page.limit() + 1);
      return Page.fromOverfetch(q.map(JdbcDecisionLog::map).list(), page.limit(), DecisionCursor::after);
    }));
  }

  /** The SQL of a decisions page; the tests explain it to check that each filter has its index. */
  static String querySql(DecisionQuery query, boolean afterCursor, Dialect dialect) {
    // Without statistics SQLite prefers a two-sided time range on decisions_by_time to an equality on a filter
    // column (a run's few decisions among a day of the tenant's), so it is told which index to use. PostgreSQL
    // has statistics and chooses well by itself.
    String hint = dialect == Dialect.SQLITE ? " INDEXED BY " + indexFor(query) : "";
    StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM decisions" + hint)
        .append(" WHERE tenant_id = :tenant");
    if (query.agentId() != null) {
      sql.append(" AND agent_id = :agent");
    }
    if (query.runId() != null) {
      sql.append(" AND run_id = :run");
    }
    if (query.outcome() != null) {
      sql.append(" AND outcome = :outcome");
    }
    if (query.action() != null) {
      sql.append(" AND action = :action");
    }
    if (query.connector() != null) {
      sql.append(" AND connector = :connector");
    }
    if (query.from() != null) {
      sql.append(" AND at >= :from");
    }
    if (query.to() != null) {
      sql.append(" AND at < :to");
    }
    if (afterCursor) {
      // a row value comparison, so that both databases continue the index range scan where the last page ended
      sql.append(" AND (at, decision_id) < (:afterAt, :afterId)");
    }
    return sql.append(" ORDER BY at DESC, decision_id DESC LIMIT :limit").toString();
  }

  /** The index for a page: the one of the most selective filter the query has, most selective first. */
  static String indexFor(DecisionQuery query) {
    if (query.runId() != null) {
      return "decisions_by_run";
    }
    if (query.agentId() != null) {
      return "decisions_by_agent";
    }
    if (query.connector() != null) {
      return "decisions_by_connector";
    }
    if (query.action() != null) {
      return "decisions_by_action";
    }
    return query.outcome() != null ? "decisions_by_outcome" : "decisions_by_time";
  }

  @Override
  public List<DecisionRecord> byRun(String tenantId, String runId, int limit) {
    return Sql.call("read a run's decisions", () -> jdbi.withHandle(h ->
        h.createQuery("SELECT " + COLUMNS + " FROM decisions WHERE tenant_id = :tenant AND run_id = :run"
                + " ORDER BY at, decision_id LIMIT :limit")
            .bind("tenant", tenantId)
            .bind("run", runId)
            .bind("limit", Math.max(0, Math.min(limit, MAX_LIST)))
            .map(JdbcDecisionLog::map)
            .list()));
  }

  @Override
  public int inputsSince(String tenantId, Instant since, int limit, Consumer<DecisionRecord> consumer) {
    HandleCallback<Integer, RuntimeException> stream = h -> {
      try (Stream<DecisionRecord> rows = h.createQuery("SELECT " + COLUMNS + " FROM decisions"
              + " WHERE tenant_id = :tenant AND at >= :since ORDER BY at, decision_id LIMIT :limit")
          .bind("tenant", tenantId)
          .bind("since", Times.toMillis(since))
          .bind("limit", Math.max(0, limit))
          .setFetchSize(FETCH_SIZE)
          .map(JdbcDecisionLog::map)
          .stream()) {
        int[] handed = {0};
        rows.forEach(d -> {
          consumer.accept(d);
          handed[0]++;
        });
        return handed[0];
      }
    };
    // PostgreSQL streams with a cursor only inside a transaction; a SQLite transaction here would take the write
    // lock for as long as the consumer runs, while a plain read streams anyway.
    return Sql.call("read decision inputs", () -> dialect == Dialect.POSTGRESQL
        ? jdbi.inTransaction(stream) : jdbi.withHandle(stream));
  }

  @Override
  public int purgeOlderThan(String tenantId, Instant cutoff) {
    List<String> tenants = tenantId != null ? List.of(tenantId) : Sql.call("list tenants", () ->
        jdbi.withHandle(h -> h.createQuery("SELECT id FROM tenants ORDER BY id").mapTo(String.class).list()));
    int deleted = 0;
    for (String tenant : tenants) {
      int chunk;
      do {
        chunk = Sql.call("purge decisions", () -> jdbi.inTransaction(h -> purgeChunk(h, tenant, cutoff)));
        deleted += chunk;
      } while (chunk == PURGE_CHUNK);
    }
    return deleted;
  }

  private static int purgeChunk(Handle h, String tenantId, Instant cutoff) {
    return h.createUpdate("DELETE FROM decisions WHERE decision_id IN (SELECT decision_id FROM decisions"
            + " WHERE tenant_id = :tenant AND at < :cutoff ORDER BY at LIMIT :limit)")
        .bind("tenant", tenantId)
        .bind("cutoff", Times.toMillis(cutoff))
        .bind("limit", PURGE_CHUNK)
        .execute();
  }

  private static DecisionRecord map(ResultSet rs, StatementContext ctx) throws SQLException {
    String shadow = rs.getString("shadow_outcome");
    return new DecisionRecord(
        rs.getString("decision_id"),
        rs.getString("tenant_id"),
        Times.read(rs, "at"),
        rs.getString("agent_id"),
        rs.getString("run_id"),
        rs.getString("trace_id"),
        rs.getString("task_type"),
        rs.getString("stage"),
        rs.getString("action"),
        rs.getString("connector"),
        rs.getString("resource"),
        rs.getString("attributes"),
        outcome(rs.getString("outcome")),
        rs.getString("reasons"),
        TelemetryJson.readStrings(rs.getString("policies")),
        shadow == null ? null : outcome(shadow),
        rs.getLong("latency_ns"),
        rs.getBoolean("sampled"),
        labels(rs.getString("agent_labels")));
  }

  private static Map<String, String> labels(String json) {
    if (json == null) {
      return Map.of();
    }
    Map<String, String> labels = new java.util.LinkedHashMap<>();
    TelemetryJson.readMap(json).forEach((k, v) -> labels.put(k, String.valueOf(v)));
    return labels;
  }

  private static Outcome outcome(String wire) {
    return Outcome.fromWireOptional(wire)
        .orElseThrow(() -> new IllegalStateException("stored decision has an unknown outcome: " + wire));
  }
}
