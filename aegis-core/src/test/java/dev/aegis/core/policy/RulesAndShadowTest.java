package dev.aegis.core.policy;

import static dev.aegis.core.policy.Policies.codes;
import static dev.aegis.core.policy.Policies.request;
import static dev.aegis.core.policy.Policies.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** CEL rules over the request, agent, run and time; and shadow policies that only report. */
class RulesAndShadowTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T03:00:00Z"));

  private static final PolicyDocument RULES =
      yaml(
          """
          policy_id: rules
          capabilities: [read:documents, write:summaries]
          connectors:
            db: {role: read-write}
          rules:
            - id: tickets-by-rule
              when: request.action == 'write:tickets' && agent.labels.team == 'support'
              effect: allow
            - id: night-writes
              when: request.verb == 'write' && now.getHours() < 6
              effect: require_approval
              reason: nobody watches at night
            - id: no-prod-drafts
              when: run.stage == 'draft' && request.resource.startsWith('prod/')
              effect: deny
              reason: drafts never touch prod
            - id: huge
              when: request.attributes.size_mb > 500
              effect: deny
            - id: tagged
              when: "'secret' in request.attributes.tags"
              effect: deny
          """);

  private PolicyEngine engine(PolicyDocument... docs) {
    return Policies.engine(clock, Policies.set(docs));
  }

  private static DecisionRequest req(String action, String stage, String resource, Map<String, Object> attributes) {
    return new DecisionRequest(
        Policies.TENANT, "agent-1", Map.of("team", "support"), "summarize", "run_1", stage, action, "db", resource,
        attributes);
  }

  @Test
  void anAllowRuleGrantsWhatNoCapabilityDoes() {
    Decision d = engine(RULES).decide(req("write:tickets", null, null, Map.of("size_mb", 1, "tags", List.of())));
    // 03:00 UTC: the night rule holds too
    assertThat(d.outcome()).isEqualTo(Outcome.REQUIRE_APPROVAL);
    assertThat(codes(d)).containsExactly(ReasonCode.RULE_APPROVAL);
    assertThat(d.reasons().get(0).message()).contains("night-writes", "rules@1", "nobody watches at night");
    clock.advance(java.time.Duration.ofHours(6));
    Decision day = engine(RULES).decide(req("write:tickets", null, null, Map.of("size_mb", 1, "tags", List.of())));
    assertThat(day.outcome()).isEqualTo(Outcome.ALLOW);
    assertThat(codes(day)).containsExactly(ReasonCode.RULE_ALLOW);
  }

  @Test
  void denyRulesReadTheRunAndTheResource() {
    Decision d = engine(RULES).decide(req("read:documents", "draft", "prod/a.txt", Map.of("size_mb", 1, "tags", List.of())));
    assertThat(codes(d)).containsExactly(ReasonCode.RULE_DENY);
    assertThat(d.reasons().get(0).message()).contains("no-prod-drafts", "drafts never touch prod");
    assertThat(engine(RULES).decide(req("read:documents", "final", "prod/a.txt", Map.of("size_mb", 1, "tags", List.of())))
            .outcome())
        .isEqualTo(Outcome.ALLOW);
  }

  @Test
  void numbersCompareAcrossIntAndDoubleAndListsWork() {
    PolicyEngine engine = engine(RULES);
    assertThat(engine.decide(req("read:documents", null, null, Map.of("size_mb", 500.5, "tags", List.of()))).outcome())
        .isEqualTo(Outcome.DENY);
    assertThat(engine.decide(req("read:documents", null, null, Map.of("size_mb", 500, "tags", List.of()))).outcome())
        .isEqualTo(Outcome.ALLOW);
    assertThat(engine.decide(req("read:documents", null, null, Map.of("size_mb", 1, "tags", List.of("a", "secret"))))
            .outcome())
        .isEqualTo(Outcome.DENY);
  }

  @Test
  void aDenyRuleThatCannotBeEvaluatedDenies() {
    // no size_mb and no tags: the huge and tagged rules fail on the missing attributes, and fail closed
    Decision d = engine(RULES).decide(req("read:documents", null, null, Map.of()));
    assertThat(d.outcome()).isEqualTo(Outcome.DENY);
    assertThat(codes(d)).containsOnly(ReasonCode.RULE_ERROR);
    assertThat(d.reasons()).hasSize(2);
    PolicyDocument guarded =
        yaml(
            """
            policy_id: guarded
            capabilities: [read:documents]
            connectors: {db: {role: read-only}}
            rules:
              - {id: huge, when: "has(request.attributes.size_mb) && request.attributes.size_mb > 500", effect: deny}
            """);
    assertThat(engine(guarded).decide(req("read:documents", null, null, Map.of())).outcome()).isEqualTo(Outcome.ALLOW);
  }

  @Test
  void aShadowPolicyReportsWhatItWouldHaveDecidedWithoutChangingTheOutcome() {
    PolicyDocument strict =
        yaml(
            """
            policy_id: strict
            mode: shadow
            capabilities: [read:documents]
            denies: [write:summaries]
            """);
    PolicyDocument base = yaml("policy_id: base\ncapabilities: [read:documents, write:summaries]\n");
    PolicyEngine engine = engine(base, strict);
    Decision d = engine.decide(request("a", "write:summaries", null, null));
    assertThat(d.outcome()).isEqualTo(Outcome.ALLOW);
    assertThat(d.shadow()).isNotNull();
    assertThat(d.shadow().outcome()).isEqualTo(Outcome.DENY);
    assertThat(d.shadow().reasons()).extracting(Reason::code).containsExactly(ReasonCode.EXPLICIT_DENY);
    assertThat(d.shadow().policies()).extracting(PolicyRef::toString).containsExactly("strict@1");
    assertThat(engine.decide(request("a", "read:documents", null, null)).shadow()).as("agrees").isNull();
  }

  @Test
  void aShadowPolicyAloneDeniesForRealButSaysWhatItWouldAllow() {
    PolicyDocument trial = yaml("policy_id: trial\nmode: shadow\ncapabilities: [read:documents]\n");
    Decision d = engine(trial).decide(request("a", "read:documents", null, null));
    assertThat(codes(d)).containsExactly(ReasonCode.NO_POLICY);
    assertThat(d.shadow().outcome()).isEqualTo(Outcome.ALLOW);
  }

  @Test
  void aMacroOverAHugeListStopsAndFailsClosed() {
    PolicyDocument doc =
        yaml(
            """
            policy_id: macro
            capabilities: [read:documents]
            rules:
              - {id: any-secret, when: "request.attributes.tags.exists(t, t == 'secret')", effect: deny}
            """);
    PolicyEngine engine = engine(doc);
    List<String> small = java.util.Collections.nCopies(100, "x");
    List<String> huge = java.util.Collections.nCopies(Conditions.MAX_ITERATIONS + 1, "x");
    assertThat(engine.decide(request("a", "read:documents", null, Map.of("tags", small))).outcome())
        .isEqualTo(Outcome.ALLOW);
    assertThat(codes(engine.decide(request("a", "read:documents", null, Map.of("tags", huge)))))
        .containsExactly(ReasonCode.RULE_ERROR);
  }

  @Test
  void conditionsSeeEveryDocumentedVariable() {
    PolicyDocument all =
        yaml(
            """
            policy_id: vars
            capabilities: [write:summaries]
            connectors: {db: {role: read-write}}
            rules:
              - id: all
                when: >-
                  request.action == 'write:summaries' && request.verb == 'write' &&
                  request.resource_type == 'summaries' && request.connector == 'db' &&
                  request.resource == 'r/1' && request.attributes.n == 3 && agent.id == 'agent-1' &&
                  agent.labels.team == 'support' && run.id == 'run_1' && run.stage == 'final' &&
                  task_type == 'summarize' && now == timestamp('2026-11-24T03:00:00Z')
                effect: deny
            """);
    assertThat(codes(engine(all).decide(req("write:summaries", "final", "r/1", Map.of("n", 3)))))
        .containsExactly(ReasonCode.RULE_DENY);
  }
}
