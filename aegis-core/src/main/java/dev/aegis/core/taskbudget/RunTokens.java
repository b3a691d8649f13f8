package dev.aegis.core.taskbudget;

import java.time.Instant;
import java.util.Objects;

/**
 * The tokens a run has used so far, reported while the run is still going, so that a run over its token budget is
 * seen before it ends.
 *
 * @param tenantId the tenant whose agent runs
 * @param taskType the run's task type
 * @param runId the run's id
 * @param totalTokens tokens used by all of the run's spans stored so far
 * @param at when the latest of those spans ended
 */
public record RunTokens(String tenantId, String taskType, String runId, long totalTokens, Instant at) {
  public RunTokens {
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(taskType, "taskType");
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(at, "at");
  }
}
