package dev.aegis.core.policy;

import java.util.ArrayList;
import java.util.List;

/** A policy version ready to evaluate: its rules compiled, or the reason it cannot be used. */
final class CompiledPolicy {
  /** A rule with its compiled condition. */
  record CompiledRule(PolicyRef policy, PolicyRule rule, Conditions.Program condition) {}

  final PolicyRef ref;
  final PolicyDocument document;
  final List<CompiledRule> rules;
  /** Why the policy cannot be used (a rule that does not compile, an unreadable document), or null. */
  final String problem;

  private CompiledPolicy(PolicyRef ref, PolicyDocument document, List<CompiledRule> rules, String problem) {
    this.ref = ref;
    this.document = document;
    this.rules = rules;
    this.problem = problem;
  }

  static CompiledPolicy compile(PolicySource source) {
    PolicyRef ref = source.ref();
    if (source.document() == null) {
      return new CompiledPolicy(ref, null, List.of(), source.problem());
    }
    List<CompiledRule> rules = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    List<PolicyRule> docRules = source.document().rules();
    for (int i = 0; i < docRules.size(); i++) {
      PolicyRule rule = docRules.get(i);
      switch (Conditions.compile(rule.when())) {
        case Conditions.Program p -> rules.add(new CompiledRule(ref, rule, p));
        case Conditions.Failure f -> problems.add("/rules/" + i + "/when: condition " + f.message());
      }
    }
    if (!source.policyId().equals(source.document().policyId())) {
      problems.add("the document's policy_id '" + source.document().policyId() + "' is not the stored id");
    }
    return new CompiledPolicy(
        ref, source.document(), List.copyOf(rules), problems.isEmpty() ? null : String.join("; ", problems));
  }

  boolean shadow() {
    return document != null && document.mode() == PolicyMode.SHADOW;
  }
}
