package dev.aegis.core.alert;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One alert event: something crossed a limit ({@code firing}), or came back ({@code resolved}). Alerts are never
 * changed once stored; a resolution is a new alert that points at the one it resolves.
 *
 * @param id the generated id, {@code alr_...}
 * @param tenantId the tenant it concerns
 * @param kind what was checked, such as {@code task_budget.latency_p95}
 * @param state firing or resolved
 * @param taskType the task type it concerns, or null
 * @param runId the run it concerns, or null
 * @param observed the measured value, or null when there was none (a resolution because a limit was removed)
 * @param threshold the limit it was compared with, or null
 * @param window the window the value was measured over, or null
 * @param samples how many runs the value was measured over, or null
 * @param message one sentence for people, with the numbers
 * @param firedAlertId for a resolution, the firing alert it resolves; otherwise null
 * @param resolvedById for a firing alert, the alert that resolved it, or null while it is open (read-only: derived
 *     from the resolution when read)
 * @param dedupeKey when set, a second alert of the tenant with the same key is not stored (a run fires once)
 */
public record Alert(
    String id,
    String tenantId,
    String kind,
    AlertState state,
    String taskType,
    String runId,
    Double observed,
    Double threshold,
    Duration window,
    Long samples,
    String message,
    Instant createdAt,
    String firedAlertId,
    String resolvedById,
    String dedupeKey) {
  public static final String ID_PREFIX = "alr";

  public Alert {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(createdAt, "createdAt");
  }

  /** The same alert as read back after a resolution was stored for it. */
  public Alert withResolvedBy(String resolutionId) {
    return new Alert(id, tenantId, kind, state, taskType, runId, observed, threshold, window, samples, message,
        createdAt, firedAlertId, resolutionId, dedupeKey);
  }
}
