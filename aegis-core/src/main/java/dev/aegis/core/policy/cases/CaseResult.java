package dev.aegis.core.policy.cases;

import dev.aegis.core.policy.Decision;
import dev.aegis.core.policy.Reason;

/**
 * How one case went.
 *
 * @param testCase the case
 * @param decision the decision the policy gave (the last one, for a repeated request)
 * @param passed whether the outcome (and the reason, when the case names one) matched
 */
public record CaseResult(TestCase testCase, Decision decision, boolean passed) {
  /** Expected against actual, one line each, for a failed case; empty for a passed one. */
  public String diff() {
    if (passed) {
      return "";
    }
    StringBuilder out = new StringBuilder();
    out.append("    expected: ").append(testCase.outcome().wire());
    if (testCase.reason() != null) {
      out.append(" (reason ").append(testCase.reason().wire()).append(')');
    }
    out.append('\n').append("    actual:   ").append(decision.outcome().wire());
    if (decision.retryAfterMs() != null) {
      out.append(" (retry after ").append(decision.retryAfterMs()).append(" ms)");
    }
    out.append('\n');
    for (Reason r : decision.reasons()) {
      out.append("              ").append(r.code().wire()).append(": ").append(r.message()).append('\n');
    }
    return out.toString();
  }
}
