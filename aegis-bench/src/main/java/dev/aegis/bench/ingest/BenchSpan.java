package dev.aegis.bench.ingest;

import java.util.List;
import java.util.Map;

/**
 * One span of the load, in a neutral form that both the OTLP and the Zipkin encoders write: the same content goes
 * to every system under test. Ids are lowercase hex; attribute values are strings, longs, doubles or booleans.
 *
 * @param kind the OTLP kind: internal, server, client, producer or consumer
 */
public record BenchSpan(
    String traceId,
    String spanId,
    String parentSpanId,
    String name,
    String kind,
    long startUnixNanos,
    long endUnixNanos,
    boolean error,
    String statusMessage,
    Map<String, Object> attributes,
    List<Event> events) {

  /** A span event (an annotation, in Zipkin's words). */
  public record Event(long timeUnixNanos, String name, Map<String, Object> attributes) {}
}
