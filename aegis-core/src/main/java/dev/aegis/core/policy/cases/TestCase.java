package dev.aegis.core.policy.cases;

import dev.aegis.core.policy.DecisionRequest;
import dev.aegis.core.policy.Outcome;
import dev.aegis.core.policy.ReasonCode;
import java.util.Objects;

/**
 * One case of a policy test file: a request and the outcome it must get.
 *
 * @param name what the case checks, shown in the report
 * @param request the request (its tenant is a placeholder; the policy under test is the only one)
 * @param outcome the expected outcome
 * @param reason a reason code the decision must carry, or null for any
 * @param repeat how many times the request is sent; the last decision is checked (for rate caps)
 */
public record TestCase(String name, DecisionRequest request, Outcome outcome, ReasonCode reason, int repeat) {
  public TestCase {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(outcome, "outcome");
    if (repeat < 1) {
      throw new IllegalArgumentException("repeat must be at least 1");
    }
  }
}
