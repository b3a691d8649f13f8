package dev.aegis.core.policy;

import static dev.aegis.core.policy.Policies.codes;
import static dev.aegis.core.policy.Policies.request;
import static dev.aegis.core.policy.Policies.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aegis.core.policy.rate.InMemoryRateLimiter;
import dev.aegis.core.policy.rate.RateCaps;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** When the decision point cannot decide, nothing is allowed. */
class FailClosedTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T12:00:00Z"));

  @Test
  void noBoundPolicyDenies() {
    Decision d = Policies.engine(clock, PolicySet.empty()).decide(request("a", "read:documents", null, null));
    assertThat(codes(d)).containsExactly(ReasonCode.NO_POLICY);
    PolicySet elsewhere = Policies.set(yaml("policy_id: p\nbindings: [{agent: other}]\ncapabilities: [read:documents]\n"));
    assertThat(codes(Policies.engine(clock, elsewhere).decide(request("a", "read:documents", null, null))))
        .containsExactly(ReasonCode.NO_POLICY);
  }

  @Test
  void aBoundPolicyThatDoesNotCompileDenies() {
    PolicyDocument broken =
        new PolicyDocument(
            "broken", null, PolicyMode.ENFORCE, null, List.of("read:documents"), null, null, null,
            List.of(new PolicyRule("r", "request.nope(", RuleEffect.DENY, null)), null);
    PolicyDocument fine = PolicyDocument.granting("fine", "read:documents");
    Decision d = Policies.engine(clock, Policies.set(fine, broken)).decide(request("a", "read:documents", null, null));
    assertThat(d.outcome()).isEqualTo(Outcome.DENY);
    assertThat(codes(d)).containsExactly(ReasonCode.INVALID_POLICY);
    assertThat(d.reasons().get(0).message()).contains("broken@1", "/rules/0/when");
  }

  @Test
  void anUnreadableStoredPolicyDeniesTheWholeTenant() {
    PolicySet set =
        PolicySet.of(
            List.of(
                new PolicySource("fine", 3, PolicyDocument.granting("fine", "read:documents")),
                PolicySource.unreadable("lost", 7, "stored text is not valid JSON")));
    Decision d = Policies.engine(clock, set).decide(request("anyone", "read:documents", null, null));
    assertThat(codes(d)).containsExactly(ReasonCode.INVALID_POLICY);
    assertThat(d.policies()).extracting(PolicyRef::toString).containsExactly("lost@7");
  }

  @Test
  void aFailingPolicySourceDenies() {
    PolicyEngine engine =
        new PolicyEngine(
            tenant -> {
              throw new IllegalStateException("database is down");
            },
            new InMemoryRateLimiter(clock),
            new RateCaps(clock),
            clock);
    Decision d = engine.decide(request("a", "read:documents", null, null));
    assertThat(codes(d)).containsExactly(ReasonCode.STORE_UNAVAILABLE);
    assertThat(d.reasons().get(0).message()).contains("database is down");
    PolicyEngine nothing = new PolicyEngine(tenant -> null, new InMemoryRateLimiter(clock), new RateCaps(clock), clock);
    assertThat(codes(nothing.decide(request("a", "read:documents", null, null))))
        .containsExactly(ReasonCode.STORE_UNAVAILABLE);
  }

  @Test
  void aMalformedActionDenies() {
    PolicyEngine engine = Policies.engine(clock, Policies.set(PolicyDocument.granting("p", "read:*")));
    for (String action : new String[] {"read", "read:*", "READ:documents", "read:a:b", ""}) {
      assertThat(codes(engine.decide(request("a", action, null, null)))).as(action)
          .containsExactly(ReasonCode.INVALID_REQUEST);
    }
  }

  @Test
  void aLimiterThatThrowsDenies() {
    PolicyEngine engine =
        new PolicyEngine(
            tenant -> Policies.set(yaml("policy_id: p\ncapabilities: [read:x]\nconnectors: {c: {role: read-only, "
                + "rate_limit_per_min: 5}}\n")),
            (key, limit) -> {
              throw new IllegalStateException("bucket store gone");
            },
            new RateCaps(clock),
            clock);
    Decision d = engine.decide(request("a", "read:x", "c", null));
    assertThat(codes(d)).containsExactly(ReasonCode.STORE_UNAVAILABLE);
    assertThat(d.reasons().get(0).message()).contains("bucket store gone");
  }

  @Test
  void validatorsBecomeObligationsAndCheckWhatTheRequestAlreadyTells() {
    PolicyDocument doc =
        yaml(
            """
            policy_id: v
            capabilities: [write:summaries]
            validators:
              write:summaries:
                max_size_mb: 5
                json_schema: {type: object, required: [title]}
                allowed_domains: ["*.example.com"]
            """);
    PolicyEngine engine = Policies.engine(clock, Policies.set(doc));
    Decision ok = engine.decide(request("a", "write:summaries", null, java.util.Map.of("domain", "docs.example.com")));
    assertThat(ok.outcome()).isEqualTo(Outcome.ALLOW);
    assertThat(ok.obligations()).singleElement().satisfies(o -> {
      assertThat(o.maxSizeMb()).isEqualTo(5.0);
      assertThat(o.jsonSchema().get("required").get(0).asText()).isEqualTo("title");
      assertThat(o.policy()).hasToString("v@1");
    });
    assertThat(codes(engine.decide(request("a", "write:summaries", null, java.util.Map.of("size_mb", 6)))))
        .containsExactly(ReasonCode.VALIDATOR_FAILED);
    assertThat(codes(engine.decide(request("a", "write:summaries", null, java.util.Map.of("domain", "evil.org")))))
        .containsExactly(ReasonCode.VALIDATOR_FAILED);
    assertThat(Domains.allowed("Example.COM.", List.of("example.com"))).isTrue();
    assertThat(Domains.allowed("example.com", List.of("*.example.com"))).isFalse();
    assertThat(Domains.allowed("badexample.com", List.of("*.example.com"))).isFalse();
  }
}
