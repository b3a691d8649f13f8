package dev.aegis.server.alert;

import dev.aegis.core.alert.Alert;
import dev.aegis.core.taskbudget.TaskBudget;
import java.time.Instant;

/**
 * An alert as the API and webhook payloads show it. Numbers without a fraction are written as whole numbers
 * ({@code 25000}, not {@code 25000.0}).
 *
 * @param resolvedByAlertId for a firing alert, the alert that resolved it, or null while it is open
 */
public record AlertView(
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

  public static AlertView of(Alert alert) {
    return new AlertView(alert.id(), alert.tenantId(), alert.kind(), alert.state().wireName(), alert.taskType(),
        alert.runId(), number(alert.observed()), number(alert.threshold()),
        alert.window() == null ? null : TaskBudget.formatWindow(alert.window()), alert.samples(), alert.message(),
        alert.createdAt(), alert.firedAlertId(), alert.resolvedById());
  }

  private static Number number(Double value) {
    if (value == null) {
      return null;
    }
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      return value.longValue();
    }
    return value;
  }
}
