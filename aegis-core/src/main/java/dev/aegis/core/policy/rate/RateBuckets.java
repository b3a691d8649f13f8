package dev.aegis.core.policy.rate;

import java.time.Instant;

/**
 * Token buckets kept in the database, so that several servers on one database enforce one rate cap together. A
 * bucket belongs to a tenant, an agent and a connector; it starts full with {@code capacity} tokens and refills
 * continuously at {@code refillPerMinute} tokens a minute, never above {@code capacity}. The caller passes the
 * cap in force with each call, so a changed cap applies at once; time is the caller's {@code now}, and a
 * {@code now} earlier than the bucket's last update adds nothing (servers' clocks may differ a little).
 */
public interface RateBuckets {
  /**
   * Takes one token if the bucket has one, atomically against every other taker on the same database.
   *
   * @throws IllegalArgumentException when a name is blank, or {@code capacity} or {@code refillPerMinute} is not
   *     positive
   */
  BucketTake take(String tenantId, String agentId, String connector, int capacity, int refillPerMinute,
      Instant now);

  /**
   * Forgets buckets untouched since {@code cutoff}. A forgotten bucket starts full again, so this changes nothing
   * for buckets idle long enough to have refilled (capacity / refill minutes); pick the cutoff accordingly.
   *
   * @return how many were forgotten
   */
  int forgetIdleSince(Instant cutoff);
}
