package dev.aegis.core.alert;

import java.time.Instant;

/**
 * Which of a tenant's alerts to list; every null field matches everything.
 *
 * @param kind only this kind
 * @param state only firing or only resolved alerts
 * @param taskType only alerts about this task type
 * @param since only alerts created at or after this time
 * @param until only alerts created before this time
 * @param open true for firing alerts not yet resolved, false for the others
 */
public record AlertQuery(String kind, AlertState state, String taskType, Instant since, Instant until, Boolean open) {
  public static final AlertQuery ALL = new AlertQuery(null, null, null, null, null, null);
}
