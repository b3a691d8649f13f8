package dev.aegis.core.policy.rate;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Token buckets in memory on an injected clock. Tokens are counted in exact integers: one call is 60,000 units and
 * a bucket gains {@code limit} units per millisecond, so {@code limit} calls refill in exactly 60 seconds and
 * {@code retry_after_ms} is exact (30 calls a minute: the next call 2,000 ms after the bucket ran dry).
 * Idle buckets are dropped after a while; a dropped bucket comes back full, which it would be by then anyway.
 */
public final class InMemoryRateLimiter implements RateLimiter {
  static final long UNITS_PER_CALL = 60_000;
  /** Past this idle time a bucket has refilled whatever its limit, so dropping it changes nothing. */
  private static final Duration IDLE = Duration.ofMinutes(5);

  private final Clock clock;
  private final Cache<RateKey, Bucket> buckets;

  public InMemoryRateLimiter(Clock clock) {
    this(clock, 1_000_000);
  }

  InMemoryRateLimiter(Clock clock, long maxBuckets) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.buckets = Caffeine.newBuilder().maximumSize(maxBuckets).expireAfterAccess(IDLE).build();
  }

  @Override
  public RateResult tryAcquire(RateKey key, int limitPerMin) {
    if (limitPerMin < 1) {
      throw new IllegalArgumentException("limitPerMin must be positive");
    }
    Bucket bucket = buckets.getIfPresent(key);
    if (bucket == null) {
      bucket = buckets.get(key, k -> new Bucket(clock.millis(), limitPerMin));
    }
    return bucket.take(clock.millis(), limitPerMin);
  }

  /** One bucket; its lock is held only for a few arithmetic operations. */
  private static final class Bucket {
    private long units;
    private long lastMs;

    Bucket(long nowMs, int limit) {
      this.lastMs = nowMs;
      this.units = limit * UNITS_PER_CALL;
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
