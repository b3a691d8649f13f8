package dev.aegis.core.policy;

import static dev.aegis.core.policy.Policies.codes;
import static dev.aegis.core.policy.Policies.request;
import static dev.aegis.core.policy.Policies.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How several bound policies compose: grants from any, denies from all, the tightest limits. */
class PrecedenceTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T12:00:00Z"));

  private static final PolicyDocument READER =
      yaml(
          """
          policy_id: reader
          capabilities: ["read:*"]
          connectors:
            s3: {role: read-write, rate_limit_per_min: 100}
            db: {role: read-write}
          approval_thresholds:
            write:size_mb: 100
            write:recipients: [requires_approval]
          """);
  private static final PolicyDocument WRITER =
      yaml(
          """
          policy_id: writer
          capabilities: [write:summaries, write:notes]
          denies: [write:notes]
          connectors:
            s3: {role: read-only, rate_limit_per_min: 5}
            db: {role: write-limited, rate_limit_per_min: 2}
          approval_thresholds:
            write:size_mb: 10
            write:external_domain: [requires_approval]
          """);

  private PolicyEngine engine() {
    return Policies.engine(clock, Policies.set(READER, WRITER));
  }

  @Test
  void aCapabilityGrantedByOnePolicyIsAllowed() {
    assertThat(engine().decide(request("a", "read:anything", null, null)).policies())
        .extracting(PolicyRef::toString)
        .containsExactly("reader@1");
    // through db, the connector's role and cap come from writer
    assertThat(engine().decide(request("a", "read:anything", "db", null)).policies())
        .extracting(PolicyRef::toString)
        .containsExactlyInAnyOrder("reader@1", "writer@1");
    assertThat(engine().decide(request("a", "write:summaries", "db", null)).outcome()).isEqualTo(Outcome.ALLOW);
  }

  @Test
  void anExplicitDenyBeatsAGrant() {
    Decision d = engine().decide(request("a", "write:notes", "db", null));
    assertThat(d.outcome()).isEqualTo(Outcome.DENY);
    assertThat(codes(d)).containsExactly(ReasonCode.EXPLICIT_DENY);
    assertThat(d.policies()).extracting(PolicyRef::toString).containsExactly("writer@1");
  }

  @Test
  void theMostRestrictiveConnectorRoleWins() {
    Decision d = engine().decide(request("a", "write:summaries", "s3", null));
    assertThat(codes(d)).containsExactly(ReasonCode.CONNECTOR_READ_ONLY);
  }

  @Test
  void theLowestThresholdWinsAndTriggerListsAreUnioned() {
    PolicyEngine engine = engine();
    Decision d = engine.decide(request("a", "write:summaries", "db", Map.of("size_mb", 20)));
    assertThat(d.outcome()).isEqualTo(Outcome.REQUIRE_APPROVAL);
    assertThat(d.reasons().get(0).message()).contains("write:size_mb = 10 of writer@1");
    assertThat(engine.decide(request("a", "write:summaries", "db", Map.of("recipients", java.util.List.of("x"))))
            .outcome())
        .isEqualTo(Outcome.REQUIRE_APPROVAL);
    assertThat(engine.decide(request("a", "write:summaries", "db", Map.of("external_domain", "x.org"))).outcome())
        .isEqualTo(Outcome.REQUIRE_APPROVAL);
    assertThat(engine.decide(request("a", "write:summaries", "db", Map.of("recipients", java.util.List.of())))
            .outcome())
        .isEqualTo(Outcome.ALLOW);
  }

  @Test
  void denyBeatsRequireApprovalWhichBeatsAllow() {
    Decision d = engine().decide(request("a", "write:notes", "db", Map.of("size_mb", 20)));
    assertThat(d.outcome()).isEqualTo(Outcome.DENY);
    assertThat(codes(d)).containsExactly(ReasonCode.EXPLICIT_DENY);
  }

  @Test
  void theTightestRateCapWins() {
    PolicyEngine engine = engine();
    DecisionRequest call = request("a", "write:summaries", "db", null);
    assertThat(engine.decide(call).outcome()).isEqualTo(Outcome.ALLOW);
    assertThat(engine.decide(call).outcome()).isEqualTo(Outcome.ALLOW);
    Decision third = engine.decide(call);
    assertThat(third.outcome()).isEqualTo(Outcome.RATE_LIMITED);
    assertThat(third.retryAfterMs()).isEqualTo(30_000L);
    assertThat(third.reasons().get(0).message()).contains("2 calls a minute", "writer@1");
  }

  @Test
  void aConnectorNoBoundPolicyNamesIsDenied() {
    Decision d = engine().decide(request("a", "read:documents", "slack", null));
    assertThat(codes(d)).containsExactly(ReasonCode.CONNECTOR_NOT_GRANTED);
    assertThat(engine().decide(request("a", "read:documents", null, null)).outcome()).isEqualTo(Outcome.ALLOW);
  }

  @Test
  void explainSaysWhichVersionGaveWhat() {
    EffectivePolicy.Explanation e = Policies.set(READER, WRITER).effective("a", Map.of(), null).explain();
    assertThat(e.policies()).extracting(PolicyRef::toString).containsExactly("reader@1", "writer@1");
    assertThat(e.connectors())
        .filteredOn(c -> c.connector().equals("db"))
        .singleElement()
        .satisfies(c -> {
          assertThat(c.role()).isEqualTo(ConnectorRole.WRITE_LIMITED);
          assertThat(c.roleFrom()).extracting(PolicyRef::toString).containsExactly("writer@1");
          assertThat(c.rateLimitPerMin()).isEqualTo(2);
          assertThat(c.rateFrom()).hasToString("writer@1");
        });
    assertThat(e.thresholds()).singleElement().satisfies(l -> {
      assertThat(l.value()).isEqualTo(10);
      assertThat(l.from()).hasToString("writer@1");
    });
    assertThat(e.approvalTriggers()).extracting(EffectivePolicy.Triggers::key)
        .containsExactly("write:recipients", "write:external_domain");
    assertThat(e.capabilities()).extracting(EffectivePolicy.Grant::capability)
        .containsExactly("read:*", "write:summaries", "write:notes");
    assertThat(e.denies()).singleElement().extracting(EffectivePolicy.Grant::capability).isEqualTo("write:notes");
  }
}
