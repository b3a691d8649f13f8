package dev.aegis.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aegis.core.policy.Outcome;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DecisionRecordTest {
  private static final Instant T0 = Instant.parse("2026-11-24T12:00:00.123Z");

  @Test
  void onlyAnAllowCanBeSampled() {
    assertThat(record(Outcome.ALLOW, true, 5).sampled()).isTrue();
    assertThatThrownBy(() -> record(Outcome.DENY, true, 5))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("deny");
  }

  @Test
  void latencyIsNeverNegative() {
    assertThatThrownBy(() -> record(Outcome.DENY, false, -1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aCursorNamesTheDecisionToContinueAfter() {
    DecisionRecord d = record(Outcome.DENY, false, 5);

    String text = DecisionCursor.after(d);

    assertThat(text).isEqualTo(T0.toEpochMilli() + ":dec_01");
    assertThat(DecisionCursor.parse(text)).contains(new DecisionCursor(T0.toEpochMilli(), "dec_01"));
    assertThat(DecisionCursor.parse("x:dec_01")).isEmpty();
    assertThat(DecisionCursor.parse("12:")).isEmpty();
    assertThat(DecisionCursor.parse(":dec")).isEmpty();
    assertThat(DecisionCursor.parse(null)).isEmpty();
  }

  @Test
  void aQueryRangeMustNotBeEmpty() {
    assertThatThrownBy(() -> new DecisionQuery(null, null, null, null, null, T0, T0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(new DecisionQuery(null, null, null, null, null, T0, T0.plusMillis(1)).to()).isAfter(T0);
  }

  @Test
  void outcomesHaveTheWireNamesOfTheApi() {
    assertThat(List.of(Outcome.values())).extracting(Outcome::wire)
        .containsExactly("allow", "deny", "require_approval", "rate_limited");
    assertThat(Outcome.fromWireOptional("rate_limited")).contains(Outcome.RATE_LIMITED);
    assertThat(Outcome.fromWireOptional("maybe")).isEmpty();
  }

  private static DecisionRecord record(Outcome outcome, boolean sampled, long latency) {
    return new DecisionRecord("dec_01", "ten_1", T0, "agent-1", null, null, null, null, "read:documents", null, null,
        "{}", outcome, "[]", List.of(), null, latency, sampled);
  }
}
