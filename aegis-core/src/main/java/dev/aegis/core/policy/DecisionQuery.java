package dev.aegis.core.policy;

import java.time.Instant;

/**
 * Which of a tenant's logged decisions to list; every null field matches everything.
 *
 * @param agentId only this agent's decisions
 * @param runId only this run's decisions
 * @param outcome only decisions with this outcome
 * @param action only decisions about this capability
 * @param connector only decisions about this connector
 * @param from only decisions made at or after this time
 * @param to only decisions made before this time
 */
public record DecisionQuery(String agentId, String runId, Outcome outcome, String action,
    String connector, Instant from, Instant to) {
  public static final DecisionQuery ALL = new DecisionQuery(null, null, null, null, null, null, null);

  public DecisionQuery {
    if (from != null && to != null && !from.isBefore(to)) {
      throw new IllegalArgumentException("from must be before to, was " + from + " and " + to);
    }
  }
}
