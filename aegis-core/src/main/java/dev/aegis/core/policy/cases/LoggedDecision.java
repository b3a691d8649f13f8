package dev.aegis.core.policy.cases;

import dev.aegis.core.policy.DecisionRequest;
import dev.aegis.core.policy.Outcome;
import java.time.Instant;
import java.util.Objects;

/**
 * A decision from the log, replayed by a simulation.
 *
 * @param decisionId its id in the log
 * @param request the logged input
 * @param outcome the logged outcome
 * @param decidedAt when it was decided (rules that read {@code now} see this time)
 */
public record LoggedDecision(String decisionId, DecisionRequest request, Outcome outcome, Instant decidedAt) {
  public LoggedDecision {
    Objects.requireNonNull(decisionId, "decisionId");
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(decidedAt, "decidedAt");
  }
}
