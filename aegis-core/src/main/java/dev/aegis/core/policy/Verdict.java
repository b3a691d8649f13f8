package dev.aegis.core.policy;

import java.util.List;

/**
 * What the policies say about a request before rate caps: the outcome (allow, deny or require approval), reasons,
 * the policy versions that took part, the obligations, and the connector's composed cap for the rate check.
 */
record Verdict(
    Outcome outcome,
    List<Reason> reasons,
    List<PolicyRef> policies,
    List<Obligation> obligations,
    Integer rateLimitPerMin,
    PolicyRef rateFrom) {

  static Verdict deny(List<Reason> reasons, List<PolicyRef> policies) {
    return new Verdict(Outcome.DENY, reasons, policies, List.of(), null, null);
  }

  ShadowOutcome asShadow() {
    return new ShadowOutcome(outcome, reasons, policies);
  }
}
