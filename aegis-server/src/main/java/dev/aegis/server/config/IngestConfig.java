package dev.aegis.server.config;

import java.time.Duration;

/**
 * The OTLP ingest path's queue and limits.
 *
 * @param queueMaxSpans most spans waiting for the writer; past it, exports get 503
 * @param maxBatchSpans most spans in one write transaction
 * @param maxConcurrentRequests most exports being read and decoded at once
 * @param retryAfter what 503 answers say in Retry-After
 * @param runCacheSpans how many recent spans' runs are remembered for their children
 */
public record IngestConfig(
    int queueMaxSpans, int maxBatchSpans, int maxConcurrentRequests, Duration retryAfter, int runCacheSpans) {
  /** Retry-After in whole seconds, at least 1. */
  public long retryAfterSeconds() {
    return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
  }
}
