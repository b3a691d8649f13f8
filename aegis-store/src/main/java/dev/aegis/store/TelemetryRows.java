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
 * attribute text goes to the answer without ever becoming a Java string.
 */
final class TelemetryRows {
  static final String SPAN_COLUMNS = "tenant_id, trace_id, span_id, parent_span_id, run_id, name, kind, category,"
      + " start_ns, end_ns, status, status_message, service_name, attributes, resource_attributes, events";
  static final String RUN_COLUMNS = "tenant_id, run_id, trace_id, parent_run_id, agent_id, agent_name,"
      + " agent_version, task_type, stage, service_name, environment, region, conversation_id, status, started_ns,"
      + " ended_ns, input_tokens, output_tokens, cached_input_tokens, span_count, error_count, tool_call_count";
  static final String TOOL_COLUMNS = "tenant_id, run_id, trace_id, span_id, tool_name, tool_call_id,"
      + " endpoint, method, status_code, latency_ms, cost_tokens, error, request, response, started_ns";
  static final String PROMPT_COLUMNS = "tenant_id, run_id, trace_id, span_id, prompt_hash, summary_pointer,"
      + " vector_index_ids, model, content, at_ns";
  static final String EVENT_COLUMNS = "tenant_id, run_id, trace_id, span_id, seq, time_ns, name, attributes";

  private static final SpanKind[] KINDS = SpanKind.values();
  private static final SpanCategory[] CATEGORIES = SpanCategory.values();
  private static final SpanStatus[] SPAN_STATUSES = SpanStatus.values();
  private static final RunStatus[] RUN_STATUSES = RunStatus.values();

  private TelemetryRows() {}

  /**
   * A mapper of {@link #SPAN_COLUMNS} for one query. The spans of one resource carry the same resource attributes,
   * so a row whose text equals the previous row's shares its map instead of holding a copy.
   */
  static RowMapper<Span> spans() {
    return new RowMapper<>() {
      private byte[] lastResource;
      private Map<String, Object> lastResourceMap;

      @Override
      public Span map(ResultSet rs, StatementContext ctx) throws SQLException {
        byte[] resource = rs.getBytes(15);
        if (lastResource == null || !Arrays.equals(resource, lastResource)) {
          lastResource = resource;
          lastResourceMap = StoredJson.map(resource);
        }
        return new Span(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
            rs.getString(6), wire(KINDS, rs.getString(7)), wire(CATEGORIES, rs.getString(8)), rs.getLong(9),
            rs.getLong(10), wire(SPAN_STATUSES, rs.getString(11)), rs.getString(12), rs.getString(13),
            StoredJson.map(rs.getBytes(14)), lastResourceMap, StoredJson.events(rs.getBytes(16)));
      }
    };
  }

  static Run run(ResultSet rs, StatementContext ctx) throws SQLException {
    return new Run(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
        rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10), rs.getString(11),
        rs.getString(12), rs.getString(13), wire(RUN_STATUSES, rs.getString(14)), Nanos.toInstant(rs.getLong(15)),
        Nanos.toInstant(rs.getLong(16)), rs.getLong(17), rs.getLong(18), rs.getLong(19), rs.getLong(20),
        rs.getLong(21), rs.getLong(22), List.of());
  }

  static ToolCall toolCall(ResultSet rs, StatementContext ctx) throws SQLException {
    long status = rs.getLong(9);
    Integer statusCode = rs.wasNull() ? null : (int) status;
    long cost = rs.getLong(11);
    Long costTokens = rs.wasNull() ? null : cost;
    return new ToolCall(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
        rs.getString(6), rs.getString(7), rs.getString(8), statusCode, rs.getLong(10), costTokens, rs.getBoolean(12),
        StoredJson.map(rs.getBytes(13)), StoredJson.map(rs.getBytes(14)), Nanos.toInstant(rs.getLong(15)));
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

  /** The constant a stored wire name stands for, without the upper-casing copy {@code fromWire} makes. */
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
