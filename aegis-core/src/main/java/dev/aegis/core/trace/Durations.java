package dev.aegis.core.trace;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Span durations for people and for JSON. */
public final class Durations {
  /** Below this, a duration's microseconds are a whole number a double holds exactly. */
  private static final long EXACT_NANOS = 1L << 62;

  private Durations() {}

  /** Milliseconds with microsecond precision (half a microsecond rounds away from zero), such as {@code 120.25}. */
  public static double millis(long nanos) {
    if (nanos > -EXACT_NANOS && nanos < EXACT_NANOS) {
      // whole microseconds, then one division of two exact doubles: rounded once, as the decimal below is
      return micros(nanos) / 1_000.0;
    }
    return BigDecimal.valueOf(nanos).movePointLeft(6).setScale(3, RoundingMode.HALF_UP).doubleValue();
  }

  /** Whole microseconds, half a microsecond rounding away from zero: {@link #millis} times 1,000. */
  public static long micros(long nanos) {
    long micros = nanos / 1_000;
    long rest = nanos % 1_000;
    return rest >= 500 ? micros + 1 : rest <= -500 ? micros - 1 : micros;
  }

  /** Such as {@code 850 us}, {@code 120 ms}, {@code 2.4 s}, {@code 3 min 5 s}. */
  public static String format(long nanos) {
    if (nanos < 1_000_000L) {
      return (nanos / 1_000L) + " us";
    }
    if (nanos < 10_000_000_000L) {
      long ms = nanos / 1_000_000L;
      return ms < 1_000 ? ms + " ms" : BigDecimal.valueOf(ms).movePointLeft(3)
          .setScale(1, RoundingMode.HALF_UP).toPlainString() + " s";
    }
    long seconds = nanos / 1_000_000_000L;
    return seconds < 120 ? seconds + " s" : (seconds / 60) + " min " + (seconds % 60) + " s";
  }
}
