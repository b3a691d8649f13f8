package dev.aegis.server.policy;

import dev.aegis.core.policy.rate.BucketTake;
import dev.aegis.core.policy.rate.RateBuckets;
import dev.aegis.core.policy.rate.RateKey;
import dev.aegis.core.policy.rate.RateLimiter;
import dev.aegis.core.policy.rate.RateResult;
import java.time.Clock;

/**
 * Rate caps kept in the store, so that every server on one database takes from the same buckets: one atomic
 * statement per take. A store error propagates and the engine denies (fail closed).
 */
final class SharedRateLimiter implements RateLimiter {
  private final RateBuckets buckets;
  private final Clock clock;

  SharedRateLimiter(RateBuckets buckets, Clock clock) {
    this.buckets = buckets;
    this.clock = clock;
  }

  @Override
  public RateResult tryAcquire(RateKey key, int limitPerMin) {
    BucketTake take = buckets.take(key.tenantId(), key.agentId(), key.connector(), limitPerMin, limitPerMin,
        clock.instant());
    return take.granted() ? RateResult.GRANTED : RateResult.refused(take.retryAfterMs());
  }
}
