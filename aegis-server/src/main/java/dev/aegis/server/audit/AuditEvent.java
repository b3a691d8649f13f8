package dev.aegis.server.audit;

import java.util.Objects;

/**
 * A change to record: which tenant's chain, what happened to which object, and the object before and after as the
 * API shows it (any value the API's JSON mapping writes; secrets must not be in it, and secret-named fields are
 * dropped anyway).
 *
 * <pre>{@code
 * AuditEvent.of(tenantId, AuditAction.KEY_REVOKED, "key", key.id()).before(KeyView.of(old)).after(KeyView.of(now))
 * }</pre>
 *
 * @param before the object before the change, or null when it is new
 * @param after the object after the change, or null when it is gone
 * @param decisionId the policy decision the change followed from, or null
 */
public record AuditEvent(String tenantId, String action, String objectType, String objectId, Object before,
    Object after, String decisionId) {
  public AuditEvent {
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(objectType, "objectType");
    Objects.requireNonNull(objectId, "objectId");
  }

  public static AuditEvent of(String tenantId, String action, String objectType, String objectId) {
    return new AuditEvent(tenantId, action, objectType, objectId, null, null, null);
  }

  public AuditEvent before(Object snapshot) {
    return new AuditEvent(tenantId, action, objectType, objectId, snapshot, after, decisionId);
  }

  public AuditEvent after(Object snapshot) {
    return new AuditEvent(tenantId, action, objectType, objectId, before, snapshot, decisionId);
  }

  public AuditEvent decision(String id) {
    return new AuditEvent(tenantId, action, objectType, objectId, before, after, id);
  }
}
