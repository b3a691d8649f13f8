package dev.aegis.core.audit;

import java.time.Instant;

/**
 * Which entries a list returns; null fields do not filter, the others combine with AND.
 *
 * @param actor a key id, or {@code system}
 * @param action an action such as {@code key.created}, or every action under a prefix such as {@code policy.*}
 * @param from at or after
 * @param to before
 */
public record AuditQuery(String actor, String action, String objectType, String objectId, Instant from,
    Instant to) {
  public static final AuditQuery ALL = new AuditQuery(null, null, null, null, null, null);

  /** The prefix an action filter such as {@code policy.*} stands for ({@code policy.}), or null for an exact name. */
  public String actionPrefix() {
    return action != null && action.endsWith(".*") ? action.substring(0, action.length() - 1) : null;
  }
}
