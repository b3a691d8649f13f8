package dev.aegis.core.taskbudget;

import java.time.Instant;
import java.util.Objects;

/**
 * One finished run, as the ingest path reports it when the run's root span arrives.
 *
 * @param tenantId the tenant whose agent ran
 * @param taskType the run's task type ({@code task.type})
 * @param runId the run's id ({@code run.id})
 * @param durationMillis how long the root span took
 * @param error whether the run ended in error (the root span's status)
 * @param totalTokens tokens the whole run used, or null when unknown
 * @param at when the run ended
 */
public record RunSample(
    String tenantId, String taskType, String runId, long durationMillis, boolean error, Long totalTokens,
    Instant at) {
  public RunSample {
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(taskType, "taskType");
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(at, "at");
  }
}
