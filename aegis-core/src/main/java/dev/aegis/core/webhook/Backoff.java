package dev.aegis.core.webhook;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * How long to wait before retrying a failed delivery: exponential steps ({@code base}, 2×, 4×, ... up to
 * {@code max}), each jittered to between half and all of its step, so that deliveries that failed together do not
 * all retry together.
 *
 * @param base the step after the first failure
 * @param max the longest step
 */
public record Backoff(Duration base, Duration max) {
  public Backoff {
    Objects.requireNonNull(base, "base");
    Objects.requireNonNull(max, "max");
    if (base.isNegative() || base.isZero() || max.compareTo(base) < 0) {
      throw new IllegalArgumentException("backoff needs 0 < base <= max, was " + base + " and " + max);
    }
  }

  /** The step after {@code failures} failed attempts (1 or more), before jitter. */
  public Duration step(int failures) {
    if (failures < 1) {
      throw new IllegalArgumentException("failures must be at least 1, was " + failures);
    }
    long baseMillis = base.toMillis();
    long maxMillis = max.toMillis();
    int doublings = Math.min(failures - 1, 62);
    long step = baseMillis > (maxMillis >> doublings) ? maxMillis : baseMillis << doublings;
    return Duration.ofMillis(Math.min(step, maxMillis));
  }

  /** The jittered wait after {@code failures} failed attempts: between half the step and the whole step. */
  public Duration delay(int failures, RandomGenerator random) {
    long step = step(failures).toMillis();
    long half = step / 2;
    return Duration.ofMillis(half + random.nextLong(step - half + 1));
  }
}
