package dev.aegis.core.trace;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DurationsTest {
  /** The definition: the decimal number of milliseconds, rounded half up at the microsecond, as a double. */
  private static double reference(long nanos) {
    return BigDecimal.valueOf(nanos).movePointLeft(6).setScale(3, RoundingMode.HALF_UP).doubleValue();
  }

  @Test
  void millisAreTheDecimalRoundedAtTheMicrosecond() {
    long[] edges = {0, 1, 499, 500, 501, 999, 1_000, 1_499, 1_500, 600_001_499L, 600_001_500L, -1, -499, -500, -501,
        -1_500, (1L << 53) * 1_000, (1L << 62) - 1, 1L << 62, -(1L << 62), Long.MAX_VALUE, Long.MIN_VALUE,
        Long.MAX_VALUE - 499, Long.MIN_VALUE + 500};
    for (long nanos : edges) {
      assertThat(Durations.millis(nanos)).as("%d ns", nanos).isEqualTo(reference(nanos));
    }
    SplittableRandom random = new SplittableRandom(7);
    for (int i = 0; i < 200_000; i++) {
      long nanos = switch (i % 4) {
        case 0 -> random.nextLong(0, 10_000_000_000L);
        case 1 -> random.nextLong(0, 1L << 50);
        case 2 -> random.nextLong();
        default -> -random.nextLong(0, 10_000_000_000L);
      };
      assertThat(Durations.millis(nanos)).as("%d ns", nanos).isEqualTo(reference(nanos));
    }
  }

  @Test
  void microsRoundHalfAwayFromZero() {
    assertThat(Durations.micros(1_499)).isEqualTo(1);
    assertThat(Durations.micros(1_500)).isEqualTo(2);
    assertThat(Durations.micros(-1_499)).isEqualTo(-1);
    assertThat(Durations.micros(-1_500)).isEqualTo(-2);
    assertThat(Durations.micros(Long.MAX_VALUE)).isEqualTo(Long.MAX_VALUE / 1_000 + 1);
    assertThat(Durations.micros(Long.MIN_VALUE)).isEqualTo(Long.MIN_VALUE / 1_000 - 1);
  }
}
