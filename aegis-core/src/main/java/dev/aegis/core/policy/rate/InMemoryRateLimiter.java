package dev.aegis.core.policy.rate;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Token buckets in memory on an injected clock. Tokens are counted in exact integers: one call is 60,000 units and
 * a bucket gains {@code limit} units per millisecond, so {@code limit} calls refill in exactly 60 seconds and
 * {@code retry_after_ms} is exact (30 calls a minute: the next call 2,000 ms after the bucket ran dry).
 * Buckets idle for five minutes are dropped as new ones are made; a dropped bucket comes back full, which it would
 * be by then anyway.
 */
public final class InMemoryRateLimiter implements RateLimiter {
  static final long UNITS_PER_CALL = 60_000;
  /** Past this idle time a bucket has refilled whatever its limit, so dropping it changes nothing. */
  static final long IDLE_MS = Duration.ofMinutes(5).toMillis();
  /** Every this many new buckets, idle ones are swept. */
  static final int SWEEP_EVERY = 4_096;

  private final Clock clock;
  private final ConcurrentHashMap<RateKey, Bucket> buckets = new ConcurrentHashMap<>();
  private final AtomicInteger created = new AtomicInteger();

  public InMemoryRateLimiter(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public RateResult tryAcquire(RateKey key, int limitPerMin) {
    if (limitPerMin < 1) {
      throw new IllegalArgumentException("limitPerMin must be positive");
    }
    long now = clock.millis();
    Bucket bucket = buckets.get(key);
    if (bucket == null) {
      bucket = buckets.computeIfAbsent(key, k -> new Bucket(now, limitPerMin));
      if (created.incrementAndGet() % SWEEP_EVERY == 0) {
        sweep(now);
      }
    }
    return bucket.take(now, limitPerMin);
  }

  /** How many buckets are held (for tests and metrics). */
  int size() {
    return buckets.size();
  }

  private void sweep(long now) {
    buckets.values().removeIf(b -> b.idleSince(now) >= IDLE_MS);
  }

  /** One bucket; its lock is held only for a few arithmetic operations. */
  private static final class Bucket {
    private long units;
    private long lastMs;

    Bucket(long nowMs, int limit) {
      this.lastMs = nowMs;
      this.units = limit * UNITS_PER_CALL;
    }

    synchronized long idleSince(long nowMs) {
      return nowMs - lastMs;
    }

    synchronized RateResult take(long nowMs, int limit) {
      long capacity = limit * UNITS_PER_CALL;
      long elapsed = Math.max(0, nowMs - lastMs);
      // elapsed * limit cannot overflow before the bucket is full: cap elapsed at one full refill
      units = Math.min(capacity, units + Math.min(elapsed, UNITS_PER_CALL) * limit);
      lastMs = Math.max(lastMs, nowMs);
      if (units >= UNITS_PER_CALL) {
        units -= UNITS_PER_CALL;
        return RateResult.GRANTED;
      }
      long missing = UNITS_PER_CALL - units;
      return RateResult.refused((missing + limit - 1) / limit);
    }
  }
}
