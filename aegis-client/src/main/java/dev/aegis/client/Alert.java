package dev.aegis.client;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;

/**
 * An alert: a task type crossed its budget ({@code state} {@code firing}) or came back within it ({@code
 * resolved}). Alerts never change once stored, except that a firing alert shows the alert that resolved it.
 *
 * @param id such as {@code alr_01jd...}
 * @param kind such as {@code task_budget.latency_p95}; see {@link #TOKENS_PER_RUN} and the others
 * @param state {@code firing} or {@code resolved}
 * @param runId the run over its token budget, for {@code task_budget.tokens_per_run}; null otherwise
 * @param observed tokens, milliseconds or a rate from 0 to 1, by kind; null on a resolution because the limit went
 *     away. A whole number is a {@link Long}, anything else a {@link Double}
 * @param threshold the limit, in the same unit
 * @param window such as {@code 15m} for the windowed kinds; null for tokens per run
 * @param samples how many runs were judged
 * @param firedAlertId on a resolution, the alert it resolves; null on a firing alert
 * @param resolvedByAlertId on a firing alert, the resolution, or null while it is open
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Alert(
    String id,
    String tenantId,
    String kind,
    String state,
    String taskType,
    String runId,
    Number observed,
    Number threshold,
    String window,
    Long samples,
    String message,
    Instant createdAt,
    String firedAlertId,
    String resolvedByAlertId) {
  public static final String TOKENS_PER_RUN = "task_budget.tokens_per_run";
  public static final String LATENCY_P95 = "task_budget.latency_p95";
  public static final String ERROR_RATE = "task_budget.error_rate";
  public static final String FIRING = "firing";
  public static final String RESOLVED = "resolved";

  /** Firing and not yet resolved. Not a field of the API's JSON, so not written back as one. */
  @JsonIgnore
  public boolean isOpen() {
    return FIRING.equals(state) && resolvedByAlertId == null;
  }
}
