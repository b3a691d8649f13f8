package dev.aegis.server.config;

/**
 * Limits of the trace-first query.
 *
 * @param maxTraceSpans most spans one trace or timeline answer holds
 */
public record QueryConfig(int maxTraceSpans) {}
