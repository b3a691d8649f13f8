package dev.aegis.server.policy;

import dev.aegis.core.audit.AuditAction;
import dev.aegis.core.policy.PolicyStore;
import dev.aegis.core.policy.PolicyVersion;
import dev.aegis.core.policy.PolicyWrite;
import dev.aegis.server.audit.AuditEvent;

/**
 * A policy change as the audit log records it: the version written (with its number, digest and change) after the
 * version it follows. The document itself stays in the policy's history, which its digest points to.
 */
final class PolicyAudit {
  private PolicyAudit() {}

  /** The event of a stored change; null when nothing was stored. Reads the version before, in the same transaction. */
  static AuditEvent of(String tenantId, PolicyWrite write, PolicyStore store) {
    if (!(write instanceof PolicyWrite.Written written)) {
      return null;
    }
    PolicyVersion v = written.version();
    String action = switch (v.change()) {
      case CREATE, UPDATE -> AuditAction.POLICY_APPLIED;
      case ROLLBACK -> AuditAction.POLICY_ROLLED_BACK;
      case DELETE -> AuditAction.POLICY_DELETED;
    };
    PolicyView before = store.version(tenantId, v.policyId(), v.version() - 1)
        .filter(previous -> !previous.isTombstone()).map(PolicyView::summary).orElse(null);
    return AuditEvent.of(tenantId, action, "policy", v.policyId()).before(before).after(PolicyView.summary(v));
  }
}
