package dev.aegis.store;

import dev.aegis.core.telemetry.RunDelta;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The run sums' side of {@link RunRehoming}: adds the moved spans' shares to their new runs (as the writer adds a
 * write's, descriptive fields keeping the first value), and takes them from the trace-id run they left, which is
 * deleted when no span is left in it.
 */
final class RunSums {
  private static final List<String> FIRST_SEEN = List.of("trace_id", "parent_run_id", "agent_id", "agent_name",
      "agent_version", "task_type", "stage", "service_name", "environment", "region", "conversation_id");
  private static final List<String> SUMS = List.of("input_tokens", "output_tokens", "cached_input_tokens",
      "span_count", "error_count", "tool_call_count");

  private final Connection c;
  private final String upsert;

  RunSums(Connection c, Dialect dialect) {
    this.c = c;
    String min = dialect == Dialect.POSTGRESQL ? "LEAST" : "min";
    String max = dialect == Dialect.POSTGRESQL ? "GREATEST" : "max";
    StringBuilder sql = new StringBuilder("INSERT INTO runs (tenant_id, run_id, " + String.join(", ", FIRST_SEEN)
        + ", status, started_ns, ended_ns, " + String.join(", ", SUMS) + ") VALUES ("
        + RunRehoming.placeholders(2 + FIRST_SEEN.size() + 3 + SUMS.size()) + ")"
        + " ON CONFLICT (tenant_id, run_id) DO UPDATE SET ");
    for (String first : FIRST_SEEN) {
      sql.append(first).append(" = COALESCE(runs.").append(first).append(", excluded.").append(first).append("), ");
    }
    for (String sum : SUMS) {
      sql.append(sum).append(" = runs.").append(sum).append(" + excluded.").append(sum).append(", ");
    }
    sql.append("started_ns = ").append(min).append("(runs.started_ns, excluded.started_ns), ");
    sql.append("ended_ns = ").append(max).append("(runs.ended_ns, excluded.ended_ns), ");
    sql.append("status = CASE WHEN runs.error_count + excluded.error_count > 0 THEN 'error' ELSE 'ok' END");
    this.upsert = sql.toString();
  }

  /** Adds each delta to its run, in run id order (the writer's lock order), with its models. */
  void add(Collection<RunDelta> deltas) throws SQLException {
    List<RunDelta> inOrder = deltas.stream().sorted(Comparator.comparing(RunDelta::runId)).toList();
    try (PreparedStatement ps = c.prepareStatement(upsert)) {
      for (RunDelta d : inOrder) {
        int i = 1;
        ps.setString(i++, d.tenantId());
        ps.setString(i++, d.runId());
        for (String value : Arrays.asList(d.traceId(), d.parentRunId(), d.agentId(), d.agentName(),
            d.agentVersion(), d.taskType(), d.stage(), d.serviceName(), d.environment(), d.region(),
            d.conversationId())) {
          ps.setString(i++, value);
        }
        ps.setString(i++, d.errorCount() > 0 ? "error" : "ok");
        ps.setLong(i++, d.startUnixNanos());
        ps.setLong(i++, d.endUnixNanos());
        ps.setLong(i++, d.inputTokens());
        ps.setLong(i++, d.outputTokens());
        ps.setLong(i++, d.cachedInputTokens());
        ps.setLong(i++, d.spanCount());
        ps.setLong(i++, d.errorCount());
        ps.setLong(i, d.toolCallCount());
        ps.addBatch();
      }
      ps.executeBatch();
    }
    for (RunDelta d : inOrder) {
      insertModels(d.tenantId(), d.runId(), d.models());
    }
  }

  /**
   * Takes what left from the trace-id run: its sums lose the leaving spans' shares, its start and end become those
   * of the spans it keeps, its models those they use; its descriptive fields stay (the first values seen, which the
   * spans that stay mostly share). With no span left, it is deleted with its models.
   */
  void subtractFromTraceRun(String tenantId, String traceId, RunDelta leaving) throws SQLException {
    long count;
    long started;
    long ended;
    try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*), MIN(start_ns), MAX(end_ns) FROM spans"
        + " WHERE tenant_id = ? AND run_id = ?")) {
      ps.setString(1, tenantId);
      ps.setString(2, traceId);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        count = rs.getLong(1);
        started = rs.getLong(2);
        ended = rs.getLong(3);
      }
    }
    if (count == 0) {
      delete("run_models", tenantId, traceId);
      delete("runs", tenantId, traceId);
      return;
    }
    try (PreparedStatement ps = c.prepareStatement("UPDATE runs SET input_tokens = input_tokens - ?,"
        + " output_tokens = output_tokens - ?, cached_input_tokens = cached_input_tokens - ?, span_count = ?,"
        + " error_count = error_count - ?, tool_call_count = tool_call_count - ?, started_ns = ?, ended_ns = ?,"
        + " status = CASE WHEN error_count - ? > 0 THEN 'error' ELSE 'ok' END"
        + " WHERE tenant_id = ? AND run_id = ?")) {
      ps.setLong(1, leaving.inputTokens());
      ps.setLong(2, leaving.outputTokens());
      ps.setLong(3, leaving.cachedInputTokens());
      ps.setLong(4, count);
      ps.setLong(5, leaving.errorCount());
      ps.setLong(6, leaving.toolCallCount());
      ps.setLong(7, started);
      ps.setLong(8, ended);
      ps.setLong(9, leaving.errorCount());
      ps.setString(10, tenantId);
      ps.setString(11, traceId);
      ps.executeUpdate();
    }
    if (!leaving.models().isEmpty()) {
      // a model the leaving spans used may still be used by one that stays: read what stays
      Set<String> models = new TreeSet<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT attributes FROM spans WHERE tenant_id = ?"
          + " AND run_id = ?")) {
        ps.setString(1, tenantId);
        ps.setString(2, traceId);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            String model = StoredSpan.modelOf(StoredJson.map(rs.getBytes(1)));
            if (model != null) {
              models.add(model);
            }
          }
        }
      }
      delete("run_models", tenantId, traceId);
      insertModels(tenantId, traceId, models);
    }
  }

  private void insertModels(String tenantId, String runId, Set<String> models) throws SQLException {
    if (models.isEmpty()) {
      return;
    }
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO run_models (tenant_id, run_id, model) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")) {
      for (String model : models) {
        ps.setString(1, tenantId);
        ps.setString(2, runId);
        ps.setString(3, model);
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  private void delete(String table, String tenantId, String runId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE tenant_id = ? AND run_id = ?")) {
      ps.setString(1, tenantId);
      ps.setString(2, runId);
      ps.executeUpdate();
    }
  }

}
