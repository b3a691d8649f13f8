package dev.aegis.core.policy;

import static dev.aegis.core.policy.Policies.request;
import static dev.aegis.core.policy.Policies.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which policies apply to an agent: by exact id, glob, labels and task type; no bindings means everyone. */
class BindingsTest {
  private static final PolicySet SET =
      Policies.set(
          yaml("policy_id: everyone\ncapabilities: [read:documents]\n"),
          yaml("policy_id: exact\nbindings: [{agent: billing-1}]\ncapabilities: [write:invoices]\n"),
          yaml("policy_id: glob\nbindings: [{agent: summarizer-*}]\ncapabilities: [write:summaries]\n"),
          yaml("policy_id: labels\nbindings: [{labels: {team: docs, env: prod}}]\ncapabilities: [write:docs]\n"),
          yaml("policy_id: task\nbindings: [{task_types: [translate]}]\ncapabilities: [write:translations]\n"),
          yaml(
              "policy_id: glob-task\nbindings: [{agent: 'summ?rizer-*', task_types: ['nightly-*']}]\n"
                  + "capabilities: [delete:drafts]\n"),
          yaml("policy_id: shadowy\nmode: shadow\nbindings: [{agent: billing-1}]\ncapabilities: [read:secrets]\n"));

  private static List<String> bound(String agent, Map<String, String> labels, String taskType) {
    return SET.effective(agent, labels, taskType).policies().stream().map(PolicyRef::policyId).toList();
  }

  @Test
  void aPolicyWithoutBindingsAppliesToEveryAgent() {
    assertThat(bound("anyone", Map.of(), null)).containsExactly("everyone");
  }

  @Test
  void exactIdsGlobsLabelsAndTaskTypesSelect() {
    assertThat(bound("billing-1", Map.of(), null)).containsExactly("everyone", "exact");
    assertThat(bound("billing-10", Map.of(), null)).containsExactly("everyone");
    assertThat(bound("summarizer-7", Map.of(), null)).containsExactly("everyone", "glob");
    assertThat(bound("summarizer-7", Map.of(), "nightly-run")).containsExactly("everyone", "glob", "glob-task");
    assertThat(bound("x", Map.of("team", "docs", "env", "prod", "extra", "y"), null))
        .containsExactly("everyone", "labels");
    assertThat(bound("x", Map.of("team", "docs"), null)).as("every label must match").containsExactly("everyone");
    assertThat(bound("x", Map.of(), "translate")).containsExactly("everyone", "task");
    assertThat(bound("x", Map.of(), "translate-more")).containsExactly("everyone");
  }

  @Test
  void shadowPoliciesAreKeptApart() {
    EffectivePolicy e = SET.effective("billing-1", Map.of(), null);
    assertThat(e.shadowPolicies()).extracting(PolicyRef::policyId).containsExactly("shadowy");
    assertThat(e.policies()).extracting(PolicyRef::policyId).doesNotContain("shadowy");
  }

  @Test
  void theIndexFindsTheSameAsCheckingEveryBinding() {
    List<PolicySource> sources = new ArrayList<>();
    List<PolicyDocument> docs = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      String binding = switch (i % 5) {
        case 0 -> "{agent: agent-" + i + "}";
        case 1 -> "{agent: 'agent-" + (i % 7) + "*'}";
        case 2 -> "{labels: {team: t" + (i % 4) + "}}";
        case 3 -> "{task_types: [task-" + (i % 3) + "]}";
        default -> "{agent: '*-" + (i % 11) + "', task_types: ['task-*']}";
      };
      PolicyDocument d = yaml("policy_id: p" + i + "\nbindings: [" + binding + "]\ncapabilities: [read:x]\n");
      docs.add(d);
      sources.add(new PolicySource(d.policyId(), 1, d));
    }
    PolicySet set = PolicySet.of(sources);
    for (int a = 0; a < 60; a++) {
      String agent = "agent-" + a;
      Map<String, String> labels = Map.of("team", "t" + (a % 5));
      String task = a % 4 == 0 ? null : "task-" + (a % 4);
      List<String> expected =
          docs.stream()
              .filter(d -> d.bindings().stream().anyMatch(b -> b.matches(agent, labels, task)))
              .map(PolicyDocument::policyId)
              .sorted()
              .toList();
      assertThat(set.effective(agent, labels, task).policies())
          .extracting(PolicyRef::policyId)
          .as(agent)
          .containsExactlyInAnyOrderElementsOf(expected);
    }
  }

  @Test
  void globsMatchLikeAShell() {
    assertThat(Glob.matches("summarizer-*", "summarizer-")).isTrue();
    assertThat(Glob.matches("summarizer-*", "summarizer")).isFalse();
    assertThat(Glob.matches("*-prod-?", "eu-prod-1")).isTrue();
    assertThat(Glob.matches("a*b*c", "aXbYbZc")).isTrue();
    assertThat(Glob.matches("a*b*c", "aXbYbZ")).isFalse();
    assertThat(Glob.matches("*", "")).isTrue();
    assertThat(Glob.matches("a".repeat(50) + "*b", "a".repeat(5000))).isFalse();
  }

  @Test
  void aBoundAgentOnlyGetsWhatItsPoliciesGrant() {
    PolicyEngine engine = Policies.engine(new MutableClock(java.time.Instant.EPOCH), SET);
    assertThat(engine.decide(Policies.request("summarizer-2", Map.of(), null, "write:summaries", null)).outcome())
        .isEqualTo(Outcome.ALLOW);
    assertThat(engine.decide(Policies.request("billing-1", Map.of(), null, "write:summaries", null)).outcome())
        .isEqualTo(Outcome.DENY);
    assertThat(engine.decide(request("x", "write:translations", null, null)).outcome()).isEqualTo(Outcome.DENY);
  }
}
