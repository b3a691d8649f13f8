package dev.aegis.core.policy;

import java.time.Duration;
import java.util.List;

/** The one place every side effect asks for permission. Implementations fail closed: when in doubt, deny. */
public interface DecisionPoint {
  /** Decides one request; never throws for a request or policy problem, which become a {@code Deny}. */
  Decision decide(DecisionRequest request);

  /** Decides several requests in order (rate caps are taken in that order). */
  default List<Decision> decideAll(List<DecisionRequest> requests) {
    return requests.stream().map(this::decide).toList();
  }

  /**
   * Tells the decision point an upstream connector answered 429: the agent's cap on it is halved, and calls are
   * paused until {@code retryAfter} has passed. The tightening expires by itself.
   */
  void tighten(String tenantId, String agentId, String connector, Duration retryAfter);
}
