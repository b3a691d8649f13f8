package dev.aegis.core.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class BackoffTest {
  private final Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(1));

  @Test
  void stepsDoubleUpToTheCap() {
    assertThat(backoff.step(1)).isEqualTo(Duration.ofSeconds(1));
    assertThat(backoff.step(2)).isEqualTo(Duration.ofSeconds(2));
    assertThat(backoff.step(3)).isEqualTo(Duration.ofSeconds(4));
    assertThat(backoff.step(6)).isEqualTo(Duration.ofSeconds(32));
    assertThat(backoff.step(7)).isEqualTo(Duration.ofMinutes(1));
    assertThat(backoff.step(1000)).isEqualTo(Duration.ofMinutes(1));
  }

  @Test
  void jitterKeepsEachDelayBetweenHalfAndAllOfItsStep() {
    assertThat(backoff.delay(3, fixed(0))).isEqualTo(Duration.ofSeconds(2));
    assertThat(backoff.delay(3, fixed(Long.MAX_VALUE))).isEqualTo(Duration.ofSeconds(4));
    RandomGenerator random = RandomGenerator.of("L64X128MixRandom");
    for (int failures = 1; failures < 40; failures++) {
      Duration delay = backoff.delay(failures, random);
      assertThat(delay).isBetween(backoff.step(failures).dividedBy(2), backoff.step(failures));
    }
  }

  @Test
  void needsAPositiveBaseNoLargerThanTheCap() {
    assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> backoff.step(0)).isInstanceOf(IllegalArgumentException.class);
  }

  /** A source whose bounded draws are always the lowest ({@code 0}) or highest ({@code MAX_VALUE}) allowed. */
  private static RandomGenerator fixed(long which) {
    return new RandomGenerator() {
      @Override
      public long nextLong() {
        return which;
      }

      @Override
      public long nextLong(long bound) {
        return which == 0 ? 0 : bound - 1;
      }
    };
  }
}
