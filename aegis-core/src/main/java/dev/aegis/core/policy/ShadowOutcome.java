package dev.aegis.core.policy;

import java.util.List;

/**
 * What the decision would have been had the shadow policies been enforced, reported only when it differs from the
 * real one.
 *
 * @param outcome the outcome with the shadow policies enforced (rate caps are not consulted)
 * @param reasons why
 * @param policies the policy versions, enforced and shadow, that took part
 */
public record ShadowOutcome(Outcome outcome, List<Reason> reasons, List<PolicyRef> policies) {
  public ShadowOutcome {
    reasons = List.copyOf(reasons);
    policies = List.copyOf(policies);
  }
}
