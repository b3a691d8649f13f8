package dev.aegis.cli.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.aegis.client.EffectivePolicy;
import dev.aegis.client.PolicyDiff;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PolicyViewsTest {
  @Test
  void aDiffShowsEachPointerWithItsValuesBeforeAndAfter() throws Exception {
    PolicyDiff diff = new PolicyDiff("p", 1, 2, List.of(
        new PolicyDiff.Change("changed", "/approval_thresholds/write:size_mb", IntNode.valueOf(50),
            IntNode.valueOf(40)),
        new PolicyDiff.Change("added", "/capabilities/2", null, TextNode.valueOf("read:reports")),
        new PolicyDiff.Change("removed", "/connectors/s3", new ObjectMapper().readTree("{\"role\": \"read-only\"}"),
            null)));

    assertThat(PolicyViews.diff(diff)).containsExactly(
        "p: @1 -> @2, 3 changes",
        "~ /approval_thresholds/write:size_mb",
        "    - 50",
        "    + 40",
        "+ /capabilities/2",
        "    + \"read:reports\"",
        "- /connectors/s3",
        "    - {\"role\":\"read-only\"}");
  }

  @Test
  void aDiffWithoutChangesOrOfTheWholeDocumentSaysSo() {
    assertThat(PolicyViews.diff(new PolicyDiff("p", 1, 3, List.of())))
        .containsExactly("p: @1 -> @3, no changes (the same document)");
    assertThat(PolicyViews.diff(new PolicyDiff("p", 3, 4, List.of(
        new PolicyDiff.Change("removed", "", TextNode.valueOf("x"), null)))))
        .containsExactly("p: @3 -> @4, 1 change", "- (whole document)", "    - \"x\"");
  }

  @Test
  void explainSaysWhenNothingIsBoundAndWhenABoundPolicyIsUnusable() {
    EffectivePolicy none = new EffectivePolicy("a", null, Map.of(), new EffectivePolicy.Explanation(
        List.of(), List.of("strict@2"), List.of(), null, null, null, null, null, null, null));
    assertThat(ExplainView.render(none)).containsExactly(
        "Effective policy of agent a, task type (none), labels (none)",
        "",
        "No enforced policy binds this agent and task type, so every action is denied (no_policy).",
        "Shadow policies (logged, never enforced): strict@2");

    EffectivePolicy broken = new EffectivePolicy("a", "t", Map.of("team", "x"), new EffectivePolicy.Explanation(
        List.of("p@1"), List.of(), List.of(new EffectivePolicy.Unusable("q@3", "rule r does not compile")),
        List.of(new EffectivePolicy.Grant("read:*", List.of("p@1"))), null,
        List.of(new EffectivePolicy.ConnectorTerms("db", "WRITE_LIMITED", List.of("p@1"), null, null)),
        null, null, null, null));
    assertThat(ExplainView.render(broken)).containsSubsequence(
        "Effective policy of agent a, task type t, labels team=x",
        "! q@3 is bound but cannot be used: rule r does not compile",
        "! while a bound policy cannot be used, every decision is deny (invalid_policy)",
        "policies  p@1",
        "  read:*  from p@1",
        "  db  write-limited  from p@1",
        "      no rate cap");
  }

  @Test
  void rolesAndEffectsReadTheSameInEitherSpelling() {
    assertThat(ExplainView.role("READ_ONLY")).isEqualTo("read-only");
    assertThat(ExplainView.role("read-only")).isEqualTo("read-only");
    assertThat(ExplainView.effect("REQUIRE_APPROVAL")).isEqualTo("require_approval");
    assertThat(ExplainView.number(50.0)).isEqualTo("50");
    assertThat(ExplainView.number(2.5)).isEqualTo("2.5");
  }
}
