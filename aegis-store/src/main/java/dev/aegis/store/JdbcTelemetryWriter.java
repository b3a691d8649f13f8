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
import java.sql.Types;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes batches of spans in one transaction with one statement per table and many rows per statement (see
 * {@link Rowsets}), so the cost per span is a few bound parameters, not a round trip. The JSON text comes ready
 * with each record. Derived rows and run sums come only from the spans that were actually inserted, which makes a
 * repeated span count once.
 */
final class JdbcTelemetryWriter {
  private static final String INSERT_SPAN = "INSERT INTO spans (tenant_id, trace_id, span_id, parent_span_id,"
      + " run_id, name, kind, category, start_ns, end_ns, status, status_message, service_name, attributes,"
      + " resource_attributes, events)";
  private static final String SPAN_KEY = "tenant_id, trace_id, span_id";
  private static final String INSERT_TOOL_CALL = "INSERT INTO tool_calls (tenant_id, trace_id, span_id, run_id,"
      + " tool_name, tool_call_id, endpoint, method, status_code, latency_ms, cost_tokens, error, request, response,"
      + " started_ns)";
  private static final String INSERT_PROMPT = "INSERT INTO prompt_snapshots (tenant_id, trace_id, span_id, run_id,"
      + " prompt_hash, summary_pointer, vector_index_ids, model, content, at_ns)";
  private static final String INSERT_EVENT = "INSERT INTO run_events (tenant_id, trace_id, span_id, seq, run_id,"
      + " time_ns, name, attributes)";
  private static final String INSERT_MODEL =
      "INSERT INTO run_models (tenant_id, run_id, model) VALUES (?, ?, ?) ON CONFLICT DO NOTHING";

  private final String upsertRun;
  private final Rowsets rowsets;

  JdbcTelemetryWriter(Dialect dialect) {
    this.rowsets = new Rowsets(dialect);
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
    RunRehoming.rehome(c, inserted);
    return inserted.size();
  }

  private List<SpanRecord> insertSpans(Connection c, List<SpanRecord> records) throws SQLException {
    boolean[] fresh = rowsets.insertNew(c, INSERT_SPAN, 16, SPAN_KEY, records, JdbcTelemetryWriter::bindSpan,
        r -> List.of(r.span().tenantId(), r.span().traceId(), r.span().spanId()));
    List<SpanRecord> inserted = new ArrayList<>(records.size());
    for (int i = 0; i < fresh.length; i++) {
      if (fresh[i]) {
        inserted.add(records.get(i));
      }
    }
    return inserted;
  }

  private static void bindSpan(PreparedStatement ps, int at, SpanRecord record) throws SQLException {
    Span s = record.span();
    StoredJson json = record.json();
    ps.setString(at, s.tenantId());
    ps.setString(at + 1, s.traceId());
    ps.setString(at + 2, s.spanId());
    ps.setString(at + 3, s.parentSpanId());
    ps.setString(at + 4, s.runId());
    ps.setString(at + 5, s.name());
    ps.setString(at + 6, s.kind().wireName());
    ps.setString(at + 7, s.category().wireName());
    ps.setLong(at + 8, s.startUnixNanos());
    ps.setLong(at + 9, s.endUnixNanos());
    ps.setString(at + 10, s.status().wireName());
    ps.setString(at + 11, s.statusMessage());
    ps.setString(at + 12, s.serviceName());
    ps.setString(at + 13, json.attributes());
    ps.setString(at + 14, json.resourceAttributes());
    ps.setString(at + 15, json.events());
  }

  private void insertToolCalls(Connection c, List<SpanRecord> records) throws SQLException {
    rowsets.insert(c, INSERT_TOOL_CALL, 15, "", records.stream().filter(r -> r.toolCall() != null).toList(),
        (ps, at, record) -> {
          ToolCall t = record.toolCall();
          ps.setString(at, t.tenantId());
          ps.setString(at + 1, t.traceId());
          ps.setString(at + 2, t.spanId());
          ps.setString(at + 3, t.runId());
          ps.setString(at + 4, t.toolName());
          ps.setString(at + 5, t.toolCallId());
          ps.setString(at + 6, t.endpoint());
          ps.setString(at + 7, t.method());
          setLong(ps, at + 8, t.statusCode() == null ? null : t.statusCode().longValue());
          ps.setLong(at + 9, t.latencyMs());
          setLong(ps, at + 10, t.costTokens());
          ps.setBoolean(at + 11, t.error());
          ps.setString(at + 12, record.json().toolRequest());
          ps.setString(at + 13, record.json().toolResponse());
          ps.setLong(at + 14, Nanos.of(t.startedAt()));
        });
  }

  private void insertPrompts(Connection c, List<SpanRecord> records) throws SQLException {
    rowsets.insert(c, INSERT_PROMPT, 10, "", records.stream().filter(r -> r.promptSnapshot() != null).toList(),
        (ps, at, record) -> {
          PromptSnapshot p = record.promptSnapshot();
          ps.setString(at, p.tenantId());
          ps.setString(at + 1, p.traceId());
          ps.setString(at + 2, p.spanId());
          ps.setString(at + 3, p.runId());
          ps.setString(at + 4, p.promptHash());
          ps.setString(at + 5, p.summaryPointer());
          ps.setString(at + 6, record.json().vectorIndexIds());
          ps.setString(at + 7, p.model());
          ps.setString(at + 8, p.content());
          ps.setLong(at + 9, Nanos.of(p.at()));
        });
  }

  /** A run event with the JSON of its attributes. */
  private record EventRow(RunEvent event, String attributes) {}

  private void insertEvents(Connection c, List<SpanRecord> records) throws SQLException {
    List<EventRow> rows = new ArrayList<>();
    for (SpanRecord record : records) {
      List<RunEvent> events = record.runEvents();
      for (int i = 0; i < events.size(); i++) {
        rows.add(new EventRow(events.get(i), record.json().runEventAttributes().get(i)));
      }
    }
    rowsets.insert(c, INSERT_EVENT, 8, "", rows, (ps, at, row) -> {
      RunEvent e = row.event();
      ps.setString(at, e.tenantId());
      ps.setString(at + 1, e.traceId());
      ps.setString(at + 2, e.spanId());
      ps.setInt(at + 3, e.seq());
      ps.setString(at + 4, e.runId());
      ps.setLong(at + 5, Nanos.of(e.time()));
      ps.setString(at + 6, e.name());
      ps.setString(at + 7, row.attributes());
    });
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
