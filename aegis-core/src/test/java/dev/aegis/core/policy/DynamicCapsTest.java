package dev.aegis.core.policy;

import static dev.aegis.core.policy.Policies.request;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aegis.core.policy.rate.RateOverride;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Operator overrides and the 429 hook, through the decision point. */
class DynamicCapsTest {
  private static final Instant T0 = Instant.parse("2026-11-24T12:00:00Z");
  private final MutableClock clock = new MutableClock(T0);
  private final PolicyEngine engine =
      Policies.engine(
          clock,
          Policies.set(PolicyParser.parse(Policies.resource("sample.json"), PolicyFormat.JSON).orThrow()));
  private final DecisionRequest call = request("summarizer-1", "write:summaries", "db", null);

  private int allowedInARow() {
    int n = 0;
    while (engine.decide(call).outcome() == Outcome.ALLOW) {
      n++;
    }
    return n;
  }

  @Test
  void anOverrideReplacesThePolicyCapUntilItExpires() {
    engine.caps().replaceOverrides(List.of(new RateOverride(Policies.TENANT, "*", "db", 3, T0.plusSeconds(120))));
    assertThat(allowedInARow()).isEqualTo(3);
    Decision limited = engine.decide(call);
    assertThat(limited.retryAfterMs()).isEqualTo(20_000L);
    assertThat(limited.reasons().get(0).message()).contains("operator override");
    clock.advance(Duration.ofSeconds(120));
    // back on the policy's 30 a minute; the bucket refilled to its new capacity over those two minutes
    assertThat(allowedInARow()).isEqualTo(30);
  }

  @Test
  void anUpstream429PausesTheAgentAndHalvesItsCap() {
    engine.tighten(Policies.TENANT, "summarizer-1", "db", Duration.ofSeconds(3));
    Decision paused = engine.decide(call);
    assertThat(paused.outcome()).isEqualTo(Outcome.RATE_LIMITED);
    assertThat(paused.retryAfterMs()).isEqualTo(3000L);
    assertThat(paused.reasons().get(0).message()).contains("429");
    assertThat(engine.decide(request("summarizer-2", "write:summaries", "db", null)).outcome())
        .as("other agents are not paused")
        .isEqualTo(Outcome.ALLOW);
    clock.advance(Duration.ofSeconds(3));
    assertThat(allowedInARow()).isEqualTo(15);
    clock.advance(Duration.ofMinutes(2));
    assertThat(allowedInARow()).isEqualTo(30);
  }
}
