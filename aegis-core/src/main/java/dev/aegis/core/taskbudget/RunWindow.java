package dev.aegis.core.taskbudget;

import java.time.Duration;
import java.time.Instant;
import org.HdrHistogram.IntCountsHistogram;

/**
 * Finished runs of one task type over a sliding window, in bounded memory whatever the traffic: a ring of
 * {@value #BUCKETS} time buckets, each with a run count, an error count and a latency histogram, plus a running
 * total of all buckets. A bucket leaving the window is subtracted from the total, so reading the p95 never merges
 * buckets. The window slides in steps of a tenth of its length.
 */
final class RunWindow {
  static final int BUCKETS = 10;
  /** Two significant digits: percentiles are exact below 256 ms and within 1% above. */
  private static final int DIGITS = 2;

  private final long bucketMillis;
  private final long[] bucketOf = new long[BUCKETS];
  private final long[] runs = new long[BUCKETS];
  private final long[] errors = new long[BUCKETS];
  private final IntCountsHistogram[] latencies = new IntCountsHistogram[BUCKETS];
  private long totalRuns;
  private long totalErrors;
  private IntCountsHistogram totalLatency;

  RunWindow(Duration window) {
    this.bucketMillis = Math.max(1, window.toMillis() / BUCKETS);
    java.util.Arrays.fill(bucketOf, Long.MIN_VALUE);
  }

  /**
   * Adds a run that ended at {@code at}; a run from the future counts as now, one older than the window is ignored.
   *
   * @return whether the run was counted
   */
  boolean record(Instant at, Instant now, long durationMillis, boolean error) {
    long nowBucket = Math.floorDiv(now.toEpochMilli(), bucketMillis);
    long bucket = Math.min(nowBucket, Math.floorDiv(at.toEpochMilli(), bucketMillis));
    if (bucket <= nowBucket - BUCKETS) {
      return false;
    }
    int slot = Math.floorMod(bucket, BUCKETS);
    if (bucketOf[slot] != bucket) {
      clear(slot);
      bucketOf[slot] = bucket;
    }
    long latency = Math.clamp(durationMillis, 0, TaskBudget.MAX_LATENCY_MS);
    if (latencies[slot] == null) {
      latencies[slot] = new IntCountsHistogram(DIGITS);
    }
    latencies[slot].recordValue(latency);
    if (totalLatency == null) {
      totalLatency = new IntCountsHistogram(DIGITS);
    }
    totalLatency.recordValue(latency);
    runs[slot]++;
    totalRuns++;
    if (error) {
      errors[slot]++;
      totalErrors++;
    }
    return true;
  }

  /** Drops the buckets that have left the window as of {@code now}. */
  void expire(Instant now) {
    long oldestKept = Math.floorDiv(now.toEpochMilli(), bucketMillis) - BUCKETS + 1;
    for (int slot = 0; slot < BUCKETS; slot++) {
      if (bucketOf[slot] != Long.MIN_VALUE && bucketOf[slot] < oldestKept) {
        clear(slot);
      }
    }
  }

  long runs() {
    return totalRuns;
  }

  long errors() {
    return totalErrors;
  }

  /** The 95th percentile of durations in the window (the lowest value it cannot be told apart from); 0 if empty. */
  long p95() {
    if (totalRuns == 0) {
      return 0;
    }
    return totalLatency.lowestEquivalentValue(totalLatency.getValueAtPercentile(95.0));
  }

  double errorRate() {
    return totalRuns == 0 ? 0 : (double) totalErrors / totalRuns;
  }

  /** Bytes held by the histograms, for the memory-bound test. */
  long footprintBytes() {
    long bytes = totalLatency == null ? 0 : totalLatency.getEstimatedFootprintInBytes();
    for (IntCountsHistogram h : latencies) {
      bytes += h == null ? 0 : h.getEstimatedFootprintInBytes();
    }
    return bytes;
  }

  private void clear(int slot) {
    if (runs[slot] > 0) {
      totalLatency.subtract(latencies[slot]);
      totalRuns -= runs[slot];
      totalErrors -= errors[slot];
    }
    // idle windows give their memory back
    latencies[slot] = null;
    runs[slot] = 0;
    errors[slot] = 0;
    bucketOf[slot] = Long.MIN_VALUE;
    if (totalRuns == 0) {
      totalLatency = null;
    }
  }
}
