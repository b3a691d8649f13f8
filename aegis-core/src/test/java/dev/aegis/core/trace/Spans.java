package dev.aegis.core.trace;

import dev.aegis.core.telemetry.Nanos;
import dev.aegis.core.telemetry.RunEvent;
import dev.aegis.core.telemetry.Span;
import dev.aegis.core.telemetry.SpanCategory;
import dev.aegis.core.telemetry.SpanEvent;
import dev.aegis.core.telemetry.SpanKind;
import dev.aegis.core.telemetry.SpanStatus;
import dev.aegis.core.telemetry.ToolCall;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Spans and their derived records for the tree and timeline tests. */
final class Spans {
  static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
  static final long T0 = Nanos.of(Instant.parse("2026-11-24T12:00:00Z"));
  static final long MS = 1_000_000L;

  private Spans() {}

  static Span span(String id, String parent, long startMs, long endMs) {
    return span(id, parent, startMs, endMs, SpanCategory.AGENT, SpanStatus.OK, Map.of(), List.of());
  }

  static Span span(String id, String parent, long startMs, long endMs, SpanCategory category, SpanStatus status,
      Map<String, Object> attributes, List<SpanEvent> events) {
    return new Span("ten_1", TRACE, id, parent, "run-1", "op-" + id, SpanKind.INTERNAL, category,
        T0 + startMs * MS, T0 + endMs * MS, status, status == SpanStatus.ERROR ? "boom" : null, "svc", attributes,
        Map.of(), events);
  }

  static ToolCall tool(String spanId, String name, Integer status, long startMs) {
    return new ToolCall("ten_1", "run-1", TRACE, spanId, name, null, "https://api.example/v1", "POST", status, 12,
        null, status != null && status >= 400, Map.of(), Map.of(), Nanos.toInstant(T0 + startMs * MS));
  }

  static RunEvent event(String spanId, int seq, long atMs, String name, Map<String, Object> attributes) {
    return new RunEvent("ten_1", "run-1", TRACE, spanId, seq, Nanos.toInstant(T0 + atMs * MS), name, attributes);
  }
}
