package dev.aegis.store;

import dev.aegis.core.telemetry.Nanos;
import dev.aegis.core.telemetry.PromptSnapshot;
import dev.aegis.core.telemetry.RunDelta;
import dev.aegis.core.telemetry.RunEvent;
import dev.aegis.core.telemetry.Span;
import dev.aegis.core.telemetry.SpanBatch;
import dev.aegis.core.telemetry.SpanRecord;
import dev.aegis.core.telemetry.StoredJson;
import dev.aegis.core.telemetry.ToolCall;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes batches of spans in one transaction with one prepared statement per table and JDBC batches, so the cost
 * per span is a few bound parameters, not a round trip. Derived rows and run sums come only from the spans that
 * were actually inserted, which makes a repeated span count once.
 */
final class JdbcTelemetryWriter {
  private static final String INSERT_SPAN = "INSERT INTO spans (tenant_id, trace_id, span_id, parent_span_id,"
      + " run_id, name, kind, category, start_ns, end_ns, status, status_message, service_name, attributes,"
      + " resource_attributes, events) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
      + " ON CONFLICT DO NOTHING";
  private static final String INSERT_TOOL_CALL = "INSERT INTO tool_calls (tenant_id, trace_id, span_id, run_id,"
      + " tool_name, tool_call_id, endpoint, method, status_code, latency_ms, cost_tokens, error, request, response,"
      + " started_ns) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  private static final String INSERT_PROMPT = "INSERT INTO prompt_snapshots (tenant_id, trace_id, span_id, run_id,"
      + " prompt_hash, summary_pointer, vector_index_ids, model, content, at_ns)"
      + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  private static final String INSERT_EVENT = "INSERT INTO run_events (tenant_id, trace_id, span_id, seq, run_id,"
      + " time_ns, name, attributes) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
  private static final String INSERT_MODEL =
      "INSERT INTO run_models (tenant_id, run_id, model) VALUES (?, ?, ?) ON CONFLICT DO NOTHING";

  private final String upsertRun;

  JdbcTelemetryWriter(Dialect dialect) {
    String min = dialect == Dialect.POSTGRESQL ? "LEAST" : "min";
    String max = dialect == Dialect.POSTGRESQL ? "GREATEST" : "max";
    StringBuilder sql = new StringBuilder("INSERT INTO runs (tenant_id, run_id, trace_id, parent_run_id, agent_id,"
        + " agent_name, agent_version, task_type, stage, service_name, environment, region, conversation_id, status,"
        + " started_ns, ended_ns, input_tokens, output_tokens, cached_input_tokens, span_count, error_count,"
        + " tool_call_count) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
        + " ON CONFLICT (tenant_id, run_id) DO UPDATE SET ");
    for (String first : List.of("trace_id", "parent_run_id", "agent_id", "agent_name", "agent_version", "task_type",
        "stage", "service_name", "environment", "region", "conversation_id")) {
      sql.append(first).append(" = COALESCE(runs.").append(first).append(", excluded.").append(first).append("), ");
    }
    for (String sum : List.of("input_tokens", "output_tokens", "cached_input_tokens", "span_count", "error_count",
        "tool_call_count")) {
      sql.append(sum).append(" = runs.").append(sum).append(" + excluded.").append(sum).append(", ");
    }
    sql.append("started_ns = ").append(min).append("(runs.started_ns, excluded.started_ns), ");
    sql.append("ended_ns = ").append(max).append("(runs.ended_ns, excluded.ended_ns), ");
    sql.append("status = CASE WHEN runs.error_count + excluded.error_count > 0 THEN 'error' ELSE 'ok' END");
    this.upsertRun = sql.toString();
  }

  /** Writes the batches on a connection inside a transaction the caller owns; returns how many spans were new. */
  int write(Connection c, List<SpanBatch> batches) throws SQLException {
    List<SpanRecord> all = new ArrayList<>();
    for (SpanBatch batch : batches) {
      all.addAll(batch.records());
    }
    if (all.isEmpty()) {
      return 0;
    }
    List<SpanRecord> inserted = insertSpans(c, all);
    if (inserted.isEmpty()) {
      return 0;
    }
    insertToolCalls(c, inserted);
    insertPrompts(c, inserted);
    insertEvents(c, inserted);
    upsertRuns(c, inserted);
    return inserted.size();
  }

  private static List<SpanRecord> insertSpans(Connection c, List<SpanRecord> records) throws SQLException {
    int[] counts;
    try (PreparedStatement ps = c.prepareStatement(INSERT_SPAN)) {
      for (SpanRecord record : records) {
        Span s = record.span();
        StoredJson json = record.json();
        ps.setString(1, s.tenantId());
        ps.setString(2, s.traceId());
        ps.setString(3, s.spanId());
        ps.setString(4, s.parentSpanId());
        ps.setString(5, s.runId());
        ps.setString(6, s.name());
        ps.setString(7, s.kind().wireName());
        ps.setString(8, s.category().wireName());
        ps.setLong(9, s.startUnixNanos());
        ps.setLong(10, s.endUnixNanos());
        ps.setString(11, s.status().wireName());
        ps.setString(12, s.statusMessage());
        ps.setString(13, s.serviceName());
        ps.setString(14, json.attributes());
        ps.setString(15, json.resourceAttributes());
        ps.setString(16, json.events());
        ps.addBatch();
      }
      counts = ps.executeBatch();
    }
    if (counts.length != records.size()) {
      throw new IllegalStateException("the driver answered " + counts.length + " counts for " + records.size());
    }
    List<SpanRecord> inserted = new ArrayList<>(records.size());
    for (int i = 0; i < counts.length; i++) {
      if (counts[i] == Statement.SUCCESS_NO_INFO) {
        throw new IllegalStateException("the driver does not say which spans were new; idempotency needs it");
      }
      if (counts[i] > 0) {
        inserted.add(records.get(i));
      }
    }
    return inserted;
  }

  private static void insertToolCalls(Connection c, List<SpanRecord> records) throws SQLException {
    if (records.stream().noneMatch(r -> r.toolCall() != null)) {
      return;
    }
    try (PreparedStatement ps = c.prepareStatement(INSERT_TOOL_CALL)) {
      for (SpanRecord record : records) {
        ToolCall t = record.toolCall();
        if (t == null) {
          continue;
        }
        ps.setString(1, t.tenantId());
        ps.setString(2, t.traceId());
        ps.setString(3, t.spanId());
        ps.setString(4, t.runId());
        ps.setString(5, t.toolName());
        ps.setString(6, t.toolCallId());
        ps.setString(7, t.endpoint());
        ps.setString(8, t.method());
        setLong(ps, 9, t.statusCode() == null ? null : t.statusCode().longValue());
        ps.setLong(10, t.latencyMs());
        setLong(ps, 11, t.costTokens());
        ps.setBoolean(12, t.error());
        ps.setString(13, record.json().toolRequest());
        ps.setString(14, record.json().toolResponse());
        ps.setLong(15, Nanos.of(t.startedAt()));
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  private static void insertPrompts(Connection c, List<SpanRecord> records) throws SQLException {
    if (records.stream().noneMatch(r -> r.promptSnapshot() != null)) {
      return;
    }
    try (PreparedStatement ps = c.prepareStatement(INSERT_PROMPT)) {
      for (SpanRecord record : records) {
        PromptSnapshot p = record.promptSnapshot();
        if (p == null) {
          continue;
        }
        ps.setString(1, p.tenantId());
        ps.setString(2, p.traceId());
        ps.setString(3, p.spanId());
        ps.setString(4, p.runId());
        ps.setString(5, p.promptHash());
        ps.setString(6, p.summaryPointer());
        ps.setString(7, record.json().vectorIndexIds());
        ps.setString(8, p.model());
        ps.setString(9, p.content());
        ps.setLong(10, Nanos.of(p.at()));
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  private static void insertEvents(Connection c, List<SpanRecord> records) throws SQLException {
    if (records.stream().allMatch(r -> r.runEvents().isEmpty())) {
      return;
    }
    try (PreparedStatement ps = c.prepareStatement(INSERT_EVENT)) {
      for (SpanRecord record : records) {
        List<RunEvent> events = record.runEvents();
        for (int i = 0; i < events.size(); i++) {
          RunEvent e = events.get(i);
          ps.setString(1, e.tenantId());
          ps.setString(2, e.traceId());
          ps.setString(3, e.spanId());
          ps.setInt(4, e.seq());
          ps.setString(5, e.runId());
          ps.setLong(6, Nanos.of(e.time()));
          ps.setString(7, e.name());
          ps.setString(8, record.json().runEventAttributes().get(i));
          ps.addBatch();
        }
      }
      ps.executeBatch();
    }
  }

  private void upsertRuns(Connection c, List<SpanRecord> records) throws SQLException {
    Map<String, List<RunDelta>> byRun = new LinkedHashMap<>();
    for (SpanRecord record : records) {
      RunDelta delta = record.run();
      byRun.computeIfAbsent(delta.tenantId() + "\u0000" + delta.runId(), k -> new ArrayList<>()).add(delta);
    }
    // one order for every writer, so that two nodes writing the same runs cannot deadlock
    List<RunDelta> runs = byRun.values().stream()
        .map(RunDelta::sum)
        .sorted(Comparator.comparing(RunDelta::tenantId).thenComparing(RunDelta::runId))
        .toList();
    try (PreparedStatement ps = c.prepareStatement(upsertRun)) {
      for (RunDelta r : runs) {
        ps.setString(1, r.tenantId());
        ps.setString(2, r.runId());
        ps.setString(3, r.traceId());
        ps.setString(4, r.parentRunId());
        ps.setString(5, r.agentId());
        ps.setString(6, r.agentName());
        ps.setString(7, r.agentVersion());
        ps.setString(8, r.taskType());
        ps.setString(9, r.stage());
        ps.setString(10, r.serviceName());
        ps.setString(11, r.environment());
        ps.setString(12, r.region());
        ps.setString(13, r.conversationId());
        ps.setString(14, r.errorCount() > 0 ? "error" : "ok");
        ps.setLong(15, r.startUnixNanos());
        ps.setLong(16, r.endUnixNanos());
        ps.setLong(17, r.inputTokens());
        ps.setLong(18, r.outputTokens());
        ps.setLong(19, r.cachedInputTokens());
        ps.setLong(20, r.spanCount());
        ps.setLong(21, r.errorCount());
        ps.setLong(22, r.toolCallCount());
        ps.addBatch();
      }
      ps.executeBatch();
    }
    if (runs.stream().allMatch(r -> r.models().isEmpty())) {
      return;
    }
    try (PreparedStatement ps = c.prepareStatement(INSERT_MODEL)) {
      for (RunDelta r : runs) {
        for (String model : r.models()) {
          ps.setString(1, r.tenantId());
          ps.setString(2, r.runId());
          ps.setString(3, model);
          ps.addBatch();
        }
      }
      ps.executeBatch();
    }
  }

  private static void setLong(PreparedStatement ps, int index, Long value) throws SQLException {
    if (value == null) {
      ps.setNull(index, Types.BIGINT);
    } else {
      ps.setLong(index, value);
    }
  }
}
