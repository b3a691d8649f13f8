package dev.aegis.core.policy.rate;

/**
 * Token buckets per {@link RateKey}: a bucket holds at most {@code limitPerMin} calls and refills at
 * {@code limitPerMin} per 60 seconds. The in-memory implementation serves one server; docs/policies.md says how
 * several servers will share buckets through PostgreSQL.
 */
public interface RateLimiter {
  /** Takes one call from the key's bucket under the given limit, or says exactly when the next one will be free. */
  RateResult tryAcquire(RateKey key, int limitPerMin);
}
