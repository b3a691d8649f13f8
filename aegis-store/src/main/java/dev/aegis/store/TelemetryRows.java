package dev.aegis.store;

import dev.aegis.core.telemetry.Nanos;
import dev.aegis.core.telemetry.PromptSnapshot;
import dev.aegis.core.telemetry.Run;
import dev.aegis.core.telemetry.RunEvent;
import dev.aegis.core.telemetry.RunStatus;
import dev.aegis.core.telemetry.Span;
import dev.aegis.core.telemetry.SpanCategory;
import dev.aegis.core.telemetry.SpanKind;
import dev.aegis.core.telemetry.SpanStatus;
import dev.aegis.core.telemetry.ToolCall;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * The telemetry tables' columns as the reads select them, and the rows as model values. Columns are read by position
 * (each mapper sits next to its column list) and JSON columns as bytes: a trace query maps 10,000 rows, and the
 * attribute text goes to the answer without ever becoming a Java string. Spans and tool calls, the many rows of a
 * trace, read their scalar columns through {@link ScalarRow}: packed into one on SQLite.
 */
final class TelemetryRows {
  static final String RUN_COLUMNS = "tenant_id, run_id, trace_id, parent_run_id, agent_id, agent_name,"
      + " agent_version, task_type, stage, service_name, environment, region, conversation_id, status, started_ns,"
      + " ended_ns, input_tokens, output_tokens, cached_input_tokens, span_count, error_count, tool_call_count";
  static final String PROMPT_COLUMNS = "tenant_id, run_id, trace_id, span_id, prompt_hash, summary_pointer,"
      + " vector_index_ids, model, content, at_ns";
  static final String EVENT_COLUMNS = "tenant_id, run_id, trace_id, span_id, seq, time_ns, name, attributes";

  private static final SpanKind[] KINDS = SpanKind.values();
  private static final SpanCategory[] CATEGORIES = SpanCategory.values();
  private static final SpanStatus[] SPAN_STATUSES = SpanStatus.values();
  private static final RunStatus[] RUN_STATUSES = RunStatus.values();

  private TelemetryRows() {}

  /** The scalar columns of a span, the tenant left out (the query names it). */
  private static final String SPAN_SCALARS = "trace_id, span_id, parent_span_id, run_id, name, kind, category,"
      + " start_ns, end_ns, status, status_message, service_name";
  private static final String TOOL_SCALARS = "run_id, trace_id, span_id, tool_name, tool_call_id, endpoint, method,"
      + " status_code, latency_ms, cost_tokens, error, started_ns";

  /** The columns {@link #spans} reads: the scalar ones ({@link ScalarRow}), then the attributes and the events. */
  static String spanColumns(Dialect dialect) {
    return ScalarRow.Select.of(dialect, SPAN_SCALARS).select() + ", attributes, resource_attributes, events";
  }

  /**
   * A mapper of {@link #spanColumns} for one query of one tenant's spans. The columns that repeat from row to row
   * (trace, run, service, resource attributes: a run's spans mostly share them) share the previous row's value
   * instead of holding a copy.
   */
  static RowMapper<Span> spans(Dialect dialect, String tenantId) {
    ScalarRow.Select scalars = ScalarRow.Select.of(dialect, SPAN_SCALARS);
    int json = scalars.next();
    ScalarRow.Repeat traces = new ScalarRow.Repeat();
    ScalarRow.Repeat runs = new ScalarRow.Repeat();
    ScalarRow.Repeat services = new ScalarRow.Repeat();
    return new RowMapper<>() {
      private byte[] lastResource;
      private Map<String, Object> lastResourceMap;

      @Override
      public Span map(ResultSet rs, StatementContext ctx) throws SQLException {
        byte[] resource = rs.getBytes(json + 1);
        if (lastResource == null || !Arrays.equals(resource, lastResource)) {
          lastResource = resource;
          lastResourceMap = StoredJson.map(resource);
        }
        ScalarRow row = scalars.row(rs);
        return new Span(tenantId, row.text(traces), row.text(), row.text(), row.text(runs), row.text(),
            wire(KINDS, row.text()), wire(CATEGORIES, row.text()), row.longValue(), row.longValue(),
            wire(SPAN_STATUSES, row.text()), row.text(), row.text(services), StoredJson.map(rs.getBytes(json)),
            lastResourceMap, StoredJson.events(rs.getBytes(json + 2)));
      }
    };
  }

  /** The columns {@link #toolCalls} reads: the scalar ones, then request and response. */
  static String toolColumns(Dialect dialect) {
    return ScalarRow.Select.of(dialect, TOOL_SCALARS).select() + ", request, response";
  }

  /** A mapper of {@link #toolColumns} for one query of one tenant's tool calls. */
  static RowMapper<ToolCall> toolCalls(Dialect dialect, String tenantId) {
    ScalarRow.Select scalars = ScalarRow.Select.of(dialect, TOOL_SCALARS);
    int json = scalars.next();
    ScalarRow.Repeat runs = new ScalarRow.Repeat();
    ScalarRow.Repeat traces = new ScalarRow.Repeat();
    ScalarRow.Repeat tools = new ScalarRow.Repeat();
    return (rs, ctx) -> {
      ScalarRow row = scalars.row(rs);
      String runId = row.text(runs);
      String traceId = row.text(traces);
      String spanId = row.text();
      String toolName = row.text(tools);
      String toolCallId = row.text();
      String endpoint = row.text();
      String method = row.text();
      Long statusCode = row.number();
      long latencyMs = row.longValue();
      Long costTokens = row.number();
      boolean error = row.bool();
      return new ToolCall(tenantId, runId, traceId, spanId, toolName, toolCallId, endpoint, method,
          statusCode == null ? null : statusCode.intValue(), latencyMs, costTokens, error,
          StoredJson.map(rs.getBytes(json)), StoredJson.map(rs.getBytes(json + 1)), Nanos.toInstant(row.longValue()));
    };
  }

  static Run run(ResultSet rs, StatementContext ctx) throws SQLException {
    return new Run(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
        rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10), rs.getString(11),
        rs.getString(12), rs.getString(13), wire(RUN_STATUSES, rs.getString(14)), Nanos.toInstant(rs.getLong(15)),
        Nanos.toInstant(rs.getLong(16)), rs.getLong(17), rs.getLong(18), rs.getLong(19), rs.getLong(20),
        rs.getLong(21), rs.getLong(22), List.of());
  }

  static PromptSnapshot prompt(ResultSet rs, StatementContext ctx) throws SQLException {
    return new PromptSnapshot(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
        rs.getString(6), StoredJson.strings(rs.getBytes(7)), rs.getString(8), rs.getString(9),
        Nanos.toInstant(rs.getLong(10)));
  }

  static RunEvent runEvent(ResultSet rs, StatementContext ctx) throws SQLException {
    return new RunEvent(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5),
        Nanos.toInstant(rs.getLong(6)), rs.getString(7), StoredJson.map(rs.getBytes(8)));
  }

  /** The constant a stored wire name (the constant's name in lower case) stands for. */
  private static <E extends Enum<E>> E wire(E[] values, String name) {
    for (E value : values) {
      if (value.name().equalsIgnoreCase(name)) {
        return value;
      }
    }
    throw new IllegalStateException("a stored value that names no " + values[0].getDeclaringClass().getSimpleName()
        + ": " + name);
  }
}
