package dev.aegis.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class CapOverrideTest {
  private static final Instant T0 = Instant.parse("2026-11-24T12:00:00Z");

  @Test
  void itAppliesUntilItExpiresAndForeverWithoutExpiry() {
    CapOverride brief = cap("agent-1", T0.plusSeconds(60));
    CapOverride lasting = cap("agent-1", null);

    assertThat(brief.isActiveAt(T0.plusSeconds(59))).isTrue();
    assertThat(brief.isActiveAt(T0.plusSeconds(60))).isFalse();
    assertThat(lasting.isActiveAt(T0.plusSeconds(86_400 * 3650L))).isTrue();
  }

  @Test
  void theStarAppliesToEveryAgent() {
    assertThat(cap(CapOverride.ANY_AGENT, null).appliesTo("anyone")).isTrue();
    assertThat(cap("agent-1", null).appliesTo("agent-1")).isTrue();
    assertThat(cap("agent-1", null).appliesTo("agent-2")).isFalse();
  }

  @Test
  void sourcesHaveTheirWireNames() {
    assertThat(CapOverride.Source.UPSTREAM_429.wireName()).isEqualTo("upstream_429");
    assertThat(CapOverride.Source.fromWire("operator")).contains(CapOverride.Source.OPERATOR);
    assertThat(CapOverride.Source.fromWire("robot")).isEmpty();
  }

  private static CapOverride cap(String agent, Instant expiresAt) {
    return new CapOverride("cap_1", "ten_1", agent, "db", 10, null, CapOverride.Source.OPERATOR, "key_1", T0,
        expiresAt);
  }
}
