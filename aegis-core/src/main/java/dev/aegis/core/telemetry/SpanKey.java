package dev.aegis.core.telemetry;

/**
 * What names a span within a tenant: its trace id and span id, lowercase hex.
 */
public record SpanKey(String traceId, String spanId) {}
