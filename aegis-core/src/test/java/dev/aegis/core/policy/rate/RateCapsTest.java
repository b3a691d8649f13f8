package dev.aegis.core.policy.rate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aegis.core.policy.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RateCapsTest {
  private static final Instant T0 = Instant.parse("2026-11-24T12:00:00Z");
  private static final RateKey KEY = new RateKey("ten_a", "agent-1", "db");
  private final MutableClock clock = new MutableClock(T0);
  private final RateCaps caps = new RateCaps(clock);

  @Test
  void withoutOverridesThePolicyCapHolds() {
    assertThat(caps.resolve(KEY, 30)).isEqualTo(new RateCap(30, "policy", null));
    assertThat(caps.resolve(KEY, null)).isEqualTo(new RateCap(null, "policy", null));
  }

  @Test
  void anAgentOverrideBeatsATenantWideOneUntilItExpires() {
    caps.replaceOverrides(
        List.of(
            new RateOverride("ten_a", "*", "db", 10, T0.plusSeconds(600)),
            new RateOverride("ten_a", "agent-1", "db", 500, T0.plusSeconds(60)),
            new RateOverride("ten_b", "agent-1", "db", 1, null)));
    assertThat(caps.resolve(KEY, 30)).isEqualTo(new RateCap(500, "override", null));
    assertThat(caps.resolve(new RateKey("ten_a", "agent-2", "db"), 30)).isEqualTo(new RateCap(10, "override", null));
    clock.advance(Duration.ofSeconds(60));
    assertThat(caps.resolve(KEY, 30)).as("the agent's override expired").isEqualTo(new RateCap(10, "override", null));
    clock.advance(Duration.ofSeconds(540));
    assertThat(caps.resolve(KEY, 30)).isEqualTo(new RateCap(30, "policy", null));
    caps.replaceOverrides(List.of());
    assertThat(caps.resolve(new RateKey("ten_b", "agent-1", "db"), 30).limitPerMin()).isEqualTo(30);
  }

  @Test
  void tighteningHalvesThePausesAndExpires() {
    caps.tighten(KEY, Duration.ofSeconds(5));
    assertThat(caps.resolve(KEY, 30)).isEqualTo(new RateCap(15, "tightened", T0.plusSeconds(5)));
    clock.advance(Duration.ofSeconds(5));
    assertThat(caps.resolve(KEY, 30)).isEqualTo(new RateCap(15, "tightened", null));
    caps.tighten(KEY, Duration.ofSeconds(2));
    assertThat(caps.resolve(KEY, 30).limitPerMin()).as("a second 429 halves again").isEqualTo(7);
    clock.advance(Duration.ofSeconds(2).plus(RateCaps.TIGHTEN_HOLD));
    assertThat(caps.resolve(KEY, 30)).isEqualTo(new RateCap(30, "policy", null));
    assertThat(caps.resolve(new RateKey("ten_a", "agent-2", "db"), 30).source()).isEqualTo("policy");
  }

  @Test
  void tighteningNeverGoesBelowOneCallAMinute() {
    for (int i = 0; i < 40; i++) {
      caps.tighten(KEY, Duration.ZERO);
    }
    assertThat(caps.resolve(KEY, 3).limitPerMin()).isEqualTo(1);
    assertThat(caps.resolve(KEY, null).limitPerMin()).isNull();
  }
}
