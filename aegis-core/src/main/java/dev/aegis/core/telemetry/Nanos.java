package dev.aegis.core.telemetry;

import java.time.Instant;

/** Converts between OTLP's nanoseconds since the epoch and {@link Instant}, exactly. */
public final class Nanos {
  private static final long PER_SECOND = 1_000_000_000L;

  private Nanos() {}

  public static Instant toInstant(long unixNanos) {
    return Instant.ofEpochSecond(Math.floorDiv(unixNanos, PER_SECOND), Math.floorMod(unixNanos, PER_SECOND));
  }

  /** Nanoseconds since the epoch; saturates outside the years 1677 to 2262. */
  public static long of(Instant instant) {
    try {
      return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), PER_SECOND), instant.getNano());
    } catch (ArithmeticException e) {
      return instant.getEpochSecond() < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
  }
}
