package dev.aegis.core.policy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The policies bound to one agent (with its labels) and task type, composed into one: capabilities granted by any,
 * denies from all, the tightest rate cap and lowest numeric threshold, the most restrictive connector role, trigger
 * lists unioned, every rule and validator kept. {@link #explain()} says which policy version gave each part.
 */
public final class EffectivePolicy {
  /** A capability pattern and the policy versions that grant (or deny) it. */
  public record Grant(String capability, List<PolicyRef> from) {}

  /** A connector's composed terms: the most restrictive role and the tightest cap, with where each came from. */
  public record ConnectorTerms(
      String connector, ConnectorRole role, List<PolicyRef> roleFrom, Integer rateLimitPerMin, PolicyRef rateFrom) {}

  /** The lowest numeric threshold for a key and the policy version that set it. */
  public record Limit(String key, double value, PolicyRef from) {}

  /** The union of trigger lists for a key, with every policy version that listed any. */
  public record Triggers(String key, List<String> triggers, List<PolicyRef> from) {}

  /** A rule as it takes part in decisions. */
  public record Rule(PolicyRef policy, String id, RuleEffect effect, String when, String reason) {}

  /** A write validator and the policy version that asks for it. */
  public record Validator(PolicyRef policy, String capability, WriteValidator validator) {}

  /** A bound policy version that cannot be used, and why; while there is one, every decision is a deny. */
  public record Unusable(PolicyRef policy, String problem) {}

  /** Everything that makes up the effective policy, as values, for the API and the CLI. */
  public record Explanation(
      List<PolicyRef> policies,
      List<PolicyRef> shadowPolicies,
      List<Unusable> unusable,
      List<Grant> capabilities,
      List<Grant> denies,
      List<ConnectorTerms> connectors,
      List<Limit> thresholds,
      List<Triggers> approvalTriggers,
      List<Rule> rules,
      List<Validator> validators) {}

  final List<PolicyRef> policies;
  final List<PolicyRef> shadowPolicies;
  final List<Unusable> unusable;
  final Map<String, List<PolicyRef>> grants;
  /** The refs of each grant, written out once, for the reason every allow carries. */
  final Map<String, String> grantText;
  final Map<String, List<PolicyRef>> denies;
  final Map<String, ConnectorTerms> connectors;
  final Map<String, Limit> limits;
  final Map<String, Triggers> triggers;
  final List<CompiledPolicy.CompiledRule> rules;
  final List<Validator> validators;
  /** The same agent with its shadow policies enforced too; null when it has none. */
  final EffectivePolicy withShadow;

  private EffectivePolicy(List<CompiledPolicy> enforced, List<CompiledPolicy> shadowed, List<Unusable> unusable) {
    this.policies = enforced.stream().map(p -> p.ref).toList();
    this.shadowPolicies = shadowed.stream().map(p -> p.ref).toList();
    this.unusable = List.copyOf(unusable);
    Map<String, List<PolicyRef>> grants = new LinkedHashMap<>();
    Map<String, List<PolicyRef>> denies = new LinkedHashMap<>();
    Map<String, ConnectorTerms> connectors = new LinkedHashMap<>();
    Map<String, Limit> limits = new LinkedHashMap<>();
    Map<String, Triggers> triggers = new LinkedHashMap<>();
    List<CompiledPolicy.CompiledRule> rules = new ArrayList<>();
    List<Validator> validators = new ArrayList<>();
    for (CompiledPolicy p : enforced) {
      PolicyDocument d = p.document;
      d.capabilities().forEach(c -> grants.computeIfAbsent(c, k -> new ArrayList<>()).add(p.ref));
      d.denies().forEach(c -> denies.computeIfAbsent(c, k -> new ArrayList<>()).add(p.ref));
      d.connectors().forEach((name, c) -> connectors.merge(name, terms(name, c, p.ref), EffectivePolicy::tighter));
      d.approvalThresholds().forEach((key, t) -> {
        switch (t) {
          case ApprovalThreshold.Limit l ->
              limits.merge(key, new Limit(key, l.value(), p.ref), (a, b) -> b.value() < a.value() ? b : a);
          case ApprovalThreshold.Triggers tr ->
              triggers.merge(key, new Triggers(key, tr.triggers(), List.of(p.ref)), EffectivePolicy::union);
        }
      });
      rules.addAll(p.rules);
      d.validators().forEach((cap, v) -> validators.add(new Validator(p.ref, cap, v)));
    }
    this.grants = freeze(grants);
    Map<String, String> grantText = new java.util.HashMap<>();
    this.grants.forEach((k, v) -> grantText.put(k, String.join(", ", v.stream().map(PolicyRef::toString).toList())));
    this.grantText = Map.copyOf(grantText);
    this.denies = freeze(denies);
    this.connectors = java.util.Collections.unmodifiableMap(connectors);
    this.limits = java.util.Collections.unmodifiableMap(limits);
    this.triggers = java.util.Collections.unmodifiableMap(triggers);
    this.rules = List.copyOf(rules);
    this.validators = List.copyOf(validators);
    if (shadowed.isEmpty()) {
      this.withShadow = null;
    } else {
      List<CompiledPolicy> all = new ArrayList<>(enforced);
      all.addAll(shadowed);
      all.sort(Comparator.comparing(p -> p.ref.policyId()));
      this.withShadow = new EffectivePolicy(all, List.of(), unusable);
    }
  }

  /** Composes the bound policies: usable enforced ones decide, shadow ones are kept aside, unusable ones block. */
  static EffectivePolicy of(List<CompiledPolicy> bound, List<Unusable> tenantWide) {
    List<CompiledPolicy> enforced = new ArrayList<>();
    List<CompiledPolicy> shadowed = new ArrayList<>();
    List<Unusable> unusable = new ArrayList<>(tenantWide);
    for (CompiledPolicy p : bound) {
      if (p.problem != null) {
        unusable.add(new Unusable(p.ref, p.problem));
      } else if (p.shadow()) {
        shadowed.add(p);
      } else {
        enforced.add(p);
      }
    }
    enforced.sort(Comparator.comparing(p -> p.ref.policyId()));
    shadowed.sort(Comparator.comparing(p -> p.ref.policyId()));
    return new EffectivePolicy(enforced, shadowed, unusable);
  }

  /** The enforced policy versions that make up this effective policy. */
  public List<PolicyRef> policies() {
    return policies;
  }

  /** The shadow policy versions bound to the same agent and task type. */
  public List<PolicyRef> shadowPolicies() {
    return shadowPolicies;
  }

  /** Which policy version contributed each capability, deny, connector role, cap, threshold, rule and validator. */
  public Explanation explain() {
    return new Explanation(
        policies,
        shadowPolicies,
        unusable,
        grants.entrySet().stream().map(e -> new Grant(e.getKey(), e.getValue())).toList(),
        denies.entrySet().stream().map(e -> new Grant(e.getKey(), e.getValue())).toList(),
        List.copyOf(connectors.values()),
        List.copyOf(limits.values()),
        List.copyOf(triggers.values()),
        rules.stream()
            .map(r -> new Rule(r.policy(), r.rule().id(), r.rule().effect(), r.rule().when(), r.rule().reason()))
            .toList(),
        validators);
  }

  private static ConnectorTerms terms(String name, ConnectorPolicy c, PolicyRef ref) {
    return new ConnectorTerms(name, c.role(), List.of(ref), c.rateLimitPerMin(), c.rateLimitPerMin() == null ? null : ref);
  }

  private static ConnectorTerms tighter(ConnectorTerms a, ConnectorTerms b) {
    ConnectorRole role = a.role().tighter(b.role());
    List<PolicyRef> roleFrom = new ArrayList<>();
    if (a.role() == role) {
      roleFrom.addAll(a.roleFrom());
    }
    if (b.role() == role) {
      roleFrom.addAll(b.roleFrom());
    }
    boolean takeB = b.rateLimitPerMin() != null && (a.rateLimitPerMin() == null || b.rateLimitPerMin() < a.rateLimitPerMin());
    return new ConnectorTerms(
        a.connector(),
        role,
        List.copyOf(roleFrom),
        takeB ? b.rateLimitPerMin() : a.rateLimitPerMin(),
        takeB ? b.rateFrom() : a.rateFrom());
  }

  private static Triggers union(Triggers a, Triggers b) {
    List<String> all = new ArrayList<>(a.triggers());
    b.triggers().stream().filter(t -> !all.contains(t)).forEach(all::add);
    List<PolicyRef> from = new ArrayList<>(a.from());
    from.addAll(b.from());
    return new Triggers(a.key(), List.copyOf(all), List.copyOf(from));
  }

  private static Map<String, List<PolicyRef>> freeze(Map<String, List<PolicyRef>> map) {
    Map<String, List<PolicyRef>> out = new LinkedHashMap<>();
    map.forEach((k, v) -> out.put(k, List.copyOf(v)));
    return java.util.Collections.unmodifiableMap(out);
  }
}
