package dev.aegis.core.policy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Evaluates one request against an effective policy. Every check runs and records its reasons; then the strongest
 * outcome wins: deny over require approval over allow. Rate caps are not consulted here.
 */
final class Evaluator {
  private final EffectivePolicy policy;
  private final DecisionRequest request;
  private final Instant now;
  // most decisions are plain allows: the lists are made only when something is found
  private List<Reason> denies;
  private List<Reason> approvals;
  private List<Reason> allows;
  private final List<PolicyRef> involved = new ArrayList<>(4);
  private List<PolicyRef> denying;
  private Map<String, Object> activation;

  private Evaluator(EffectivePolicy policy, DecisionRequest request, Instant now) {
    this.policy = policy;
    this.request = request;
    this.now = now;
  }

  static Verdict evaluate(EffectivePolicy policy, DecisionRequest request, Instant now) {
    return new Evaluator(policy, request, now).run();
  }

  private Verdict run() {
    if (!policy.unusable.isEmpty()) {
      List<Reason> reasons = new ArrayList<>();
      for (EffectivePolicy.Unusable u : policy.unusable) {
        reasons.add(new Reason(ReasonCode.INVALID_POLICY, "policy " + u.policy() + " cannot be used: " + u.problem()));
      }
      return Verdict.deny(reasons, policy.unusable.stream().map(EffectivePolicy.Unusable::policy).toList());
    }
    if (policy.policies.isEmpty()) {
      return Verdict.deny(
          List.of(new Reason(ReasonCode.NO_POLICY, "no enforced policy is bound to agent '" + request.agentId() + "'"
              + (request.taskType() == null ? "" : " for task type '" + request.taskType() + "'"))),
          List.of());
    }
    String action = request.action();
    if (!Capability.isAction(action)) {
      return Verdict.deny(
          List.of(new Reason(ReasonCode.INVALID_REQUEST, "action '" + action + "' is not verb:resource, e.g. "
              + "read:documents")),
          List.of());
    }
    String verb = Capability.verb(action);
    boolean write = Capability.isWriteVerb(verb);

    for (Map.Entry<String, List<PolicyRef>> d : policy.denies.entrySet()) {
      if (Capability.covers(d.getKey(), action)) {
        deny(new Reason(ReasonCode.EXPLICIT_DENY, action + " is denied by " + join(d.getValue()) + " (denies "
            + d.getKey() + ")"), d.getValue());
      }
    }
    boolean allowedByRule = !policy.rules.isEmpty() && rules();
    EffectivePolicy.ConnectorTerms connector = connector(action, write);
    boolean granted = false;
    for (Map.Entry<String, List<PolicyRef>> g : policy.grants.entrySet()) {
      if (Capability.covers(g.getKey(), action)) {
        granted = true;
        addAll(involved, g.getValue());
        allows = add(allows, new Reason(ReasonCode.CAPABILITY_GRANTED, action + " is granted by "
            + policy.grantText.get(g.getKey()) + (g.getKey().equals(action) ? "" : " (" + g.getKey() + ")")));
      }
    }
    if (!granted && !allowedByRule) {
      deny(new Reason(ReasonCode.CAPABILITY_NOT_GRANTED, "no bound policy grants " + action + " (policies: "
          + join(policy.policies) + ")"), policy.policies);
    }
    if (!policy.limits.isEmpty() || !policy.triggers.isEmpty()) {
      thresholds(verb, write);
    }
    List<Obligation> obligations = policy.validators.isEmpty() ? List.of() : validators(action);
    if (denies != null) {
      return Verdict.deny(List.copyOf(denies), List.copyOf(denying));
    }
    Outcome outcome = approvals == null ? Outcome.ALLOW : Outcome.REQUIRE_APPROVAL;
    return new Verdict(
        outcome,
        List.copyOf(approvals == null ? allows : approvals),
        List.copyOf(involved),
        obligations,
        connector == null ? null : connector.rateLimitPerMin(),
        connector == null ? null : connector.rateFrom());
  }

  private EffectivePolicy.ConnectorTerms connector(String action, boolean write) {
    String name = request.connector();
    if (name == null) {
      return null;
    }
    EffectivePolicy.ConnectorTerms terms = policy.connectors.get(name);
    if (terms == null) {
      deny(new Reason(ReasonCode.CONNECTOR_NOT_GRANTED, "no bound policy names connector '" + name
          + "' (policies: " + join(policy.policies) + ")"), policy.policies);
      return null;
    }
    if (write && terms.role() == ConnectorRole.READ_ONLY) {
      deny(new Reason(ReasonCode.CONNECTOR_READ_ONLY, "connector '" + name + "' is read-only for this agent ("
          + join(terms.roleFrom()) + "); " + action + " is a write"), terms.roleFrom());
    } else {
      addAll(involved, terms.roleFrom());
    }
    return terms;
  }

  /** Runs every rule; returns whether an allow rule matched. */
  private boolean rules() {
    boolean allowed = false;
    for (CompiledPolicy.CompiledRule r : policy.rules) {
      PolicyRule rule = r.rule();
      String name = "rule '" + rule.id() + "' of " + r.policy();
      String why = rule.reason() == null ? "" : ": " + rule.reason();
      boolean matched;
      try {
        matched = r.condition().test(activation());
      } catch (Exception e) {
        // fail closed: a deny or approval rule that cannot be evaluated applies; an allow rule does not
        if (rule.effect() == RuleEffect.DENY) {
          deny(new Reason(ReasonCode.RULE_ERROR, name + " could not be evaluated (" + e.getMessage()
              + "), so it denies"), List.of(r.policy()));
        } else if (rule.effect() == RuleEffect.REQUIRE_APPROVAL) {
          approvals = add(approvals, new Reason(ReasonCode.RULE_ERROR, name + " could not be evaluated ("
              + e.getMessage() + "), so it requires approval"));
          addAll(involved, List.of(r.policy()));
        }
        continue;
      }
      if (!matched) {
        continue;
      }
      switch (rule.effect()) {
        case DENY -> deny(new Reason(ReasonCode.RULE_DENY, name + " denies" + why), List.of(r.policy()));
        case REQUIRE_APPROVAL -> {
          approvals = add(approvals, new Reason(ReasonCode.RULE_APPROVAL, name + " requires approval" + why));
          addAll(involved, List.of(r.policy()));
        }
        case ALLOW -> {
          allows = add(allows, new Reason(ReasonCode.RULE_ALLOW, name + " allows" + why));
          addAll(involved, List.of(r.policy()));
          allowed = true;
        }
      }
    }
    return allowed;
  }

  private void thresholds(String verb, boolean write) {
    for (EffectivePolicy.Limit limit : policy.limits.values()) {
      String attribute = attributeOf(limit.key());
      if (!appliesTo(limit.key(), verb, write) || !request.attributes().containsKey(attribute)) {
        continue;
      }
      Object value = request.attributes().get(attribute);
      if (!(value instanceof Number n)) {
        approvals = add(approvals, new Reason(ReasonCode.APPROVAL_THRESHOLD, attribute + " is " + value
            + ", not a number, so the threshold " + limit.key() + " of " + limit.from() + " cannot be checked"));
        addAll(involved, List.of(limit.from()));
      } else if (n.doubleValue() > limit.value() || Double.isNaN(n.doubleValue())) {
        approvals = add(approvals, new Reason(ReasonCode.APPROVAL_THRESHOLD, attribute + " "
            + PolicyJson.number(n.doubleValue()) + " is above the threshold " + limit.key() + " = "
            + PolicyJson.number(limit.value()) + " of " + limit.from()));
        addAll(involved, List.of(limit.from()));
      }
    }
    for (EffectivePolicy.Triggers t : policy.triggers.values()) {
      String attribute = attributeOf(t.key());
      if (appliesTo(t.key(), verb, write) && present(request.attributes().get(attribute))) {
        approvals = add(approvals, new Reason(ReasonCode.APPROVAL_THRESHOLD, attribute + " is set ("
            + request.attributes().get(attribute) + "), and " + t.key() + " requires approval (" + join(t.from())
            + ")"));
        addAll(involved, t.from());
      }
    }
  }

  private List<Obligation> validators(String action) {
    List<Obligation> out = new ArrayList<>();
    for (EffectivePolicy.Validator v : policy.validators) {
      if (!Capability.covers(v.capability(), action)) {
        continue;
      }
      WriteValidator w = v.validator();
      out.add(new Obligation(v.policy(), v.capability(), w.maxSizeMb(), w.jsonSchema(), w.allowedDomains()));
      addAll(involved, List.of(v.policy()));
      // what the request already tells can be checked now; the payload itself is checked by the caller
      if (w.maxSizeMb() != null && request.attributes().get("size_mb") instanceof Number size
          && size.doubleValue() > w.maxSizeMb()) {
        deny(new Reason(ReasonCode.VALIDATOR_FAILED, "size_mb " + PolicyJson.number(size.doubleValue())
            + " is above max_size_mb " + PolicyJson.number(w.maxSizeMb()) + " of " + v.policy()), List.of(v.policy()));
      }
      for (String key : new String[] {"domain", "external_domain"}) {
        if (!w.allowedDomains().isEmpty() && request.attributes().get(key) instanceof String domain
            && !Domains.allowed(domain, w.allowedDomains())) {
          deny(new Reason(ReasonCode.VALIDATOR_FAILED, key + " '" + domain + "' is not in allowed_domains of "
              + v.policy()), List.of(v.policy()));
        }
      }
    }
    return out;
  }

  private void deny(Reason reason, List<PolicyRef> from) {
    denies = add(denies, reason);
    if (denying == null) {
      denying = new ArrayList<>(4);
    }
    addAll(denying, from);
  }

  private static List<Reason> add(List<Reason> list, Reason reason) {
    List<Reason> out = list == null ? new ArrayList<>(2) : list;
    out.add(reason);
    return out;
  }

  /** Adds the refs not yet in the list; the lists are a handful long, so a scan beats a set. */
  private static void addAll(List<PolicyRef> list, List<PolicyRef> refs) {
    for (PolicyRef r : refs) {
      if (!list.contains(r)) {
        list.add(r);
      }
    }
  }

  private Map<String, Object> activation() {
    if (activation == null) {
      activation = RuleActivation.of(request, now);
    }
    return activation;
  }

  /** Whether a threshold keyed {@code <verb>:<attribute>} applies to an action with this verb. */
  static boolean appliesTo(String key, String verb, boolean write) {
    String keyVerb = key.substring(0, key.indexOf(':'));
    return switch (keyVerb) {
      case "*" -> true;
      case "write" -> write;
      case "read" -> !write;
      default -> keyVerb.equals(verb);
    };
  }

  private static String attributeOf(String key) {
    return key.substring(key.indexOf(':') + 1);
  }

  /** A trigger attribute counts when it says something: not null, false, empty text or an empty list. */
  private static boolean present(Object value) {
    return value != null && !Boolean.FALSE.equals(value) && !"".equals(value)
        && !(value instanceof java.util.Collection<?> c && c.isEmpty());
  }

  private static String join(List<PolicyRef> refs) {
    StringBuilder out = new StringBuilder();
    for (PolicyRef r : refs) {
      out.append(out.isEmpty() ? "" : ", ").append(r);
    }
    return out.toString();
  }
}
