package dev.aegis.core.telemetry;

import java.util.List;
import java.util.Map;

/**
 * A span as decoded from the wire, before redaction and mapping: the neutral form between an OTLP decoder and
 * {@link SpanMapper}. Ids are lowercase hex and already checked.
 *
 * @param resource the resource it came with; spans of one resource share the same instance
 * @param scopeName the instrumentation scope's name, or null
 * @param scopeVersion the instrumentation scope's version, or null
 */
public record DecodedSpan(
    String traceId,
    String spanId,
    String parentSpanId,
    String name,
    SpanKind kind,
    long startUnixNanos,
    long endUnixNanos,
    SpanStatus status,
    String statusMessage,
    Map<String, Object> attributes,
    List<SpanEvent> events,
    Resource resource,
    String scopeName,
    String scopeVersion) {
  public DecodedSpan {
    attributes = Attributes.copyOf(attributes);
    events = events == null ? List.of() : List.copyOf(events);
  }

  /** The attributes of the process that sent a group of spans ({@code service.name}, {@code deployment_env}...). */
  public record Resource(Map<String, Object> attributes) {
    public static final Resource EMPTY = new Resource(Map.of());

    public Resource {
      attributes = Attributes.copyOf(attributes);
    }
  }
}
