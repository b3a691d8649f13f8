package dev.aegis.core.telemetry;

import java.util.List;
import java.util.Map;

/**
 * One stored span: what an agent reported over OTLP, already redacted, with the run it belongs to.
 *
 * @param tenantId the tenant whose agent key sent it
 * @param traceId 32 lowercase hex digits
 * @param spanId 16 lowercase hex digits
 * @param parentSpanId 16 lowercase hex digits, or null for a root span
 * @param runId the run it belongs to (see {@link SpanMapper} for how it is chosen)
 * @param name the span name
 * @param category what it stands for in the run
 * @param startUnixNanos start, nanoseconds since the epoch
 * @param endUnixNanos end, nanoseconds since the epoch, never before the start
 * @param statusMessage the status description, or null
 * @param serviceName the resource's {@code service.name}, or null
 * @param attributes the span's attributes, redacted; unknown ones are kept
 * @param resourceAttributes the attributes of the resource that sent it, redacted
 * @param events its events, in the order sent
 */
public record Span(
    String tenantId,
    String traceId,
    String spanId,
    String parentSpanId,
    String runId,
    String name,
    SpanKind kind,
    SpanCategory category,
    long startUnixNanos,
    long endUnixNanos,
    SpanStatus status,
    String statusMessage,
    String serviceName,
    Map<String, Object> attributes,
    Map<String, Object> resourceAttributes,
    List<SpanEvent> events) {
  public Span {
    attributes = Attributes.copyOf(attributes);
    resourceAttributes = Attributes.copyOf(resourceAttributes);
    events = events == null ? List.of() : List.copyOf(events);
  }

  /** How long it took, in nanoseconds. */
  public long durationNanos() {
    return endUnixNanos - startUnixNanos;
  }

  public SpanKey key() {
    return new SpanKey(traceId, spanId);
  }
}
