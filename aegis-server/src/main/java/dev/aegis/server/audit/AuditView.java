package dev.aegis.server.audit;

import com.fasterxml.jackson.annotation.JsonRawValue;
import dev.aegis.core.audit.AuditChain;
import dev.aegis.core.audit.AuditEntry;

/**
 * An audit entry as the API shows and exports it: every field its hash covers, with the hash. {@code before} and
 * {@code after} are written exactly as stored (canonical JSON), {@code at} as its canonical form has it.
 */
record AuditView(
    String tenantId,
    long sequence,
    String id,
    String at,
    String actor,
    String action,
    String objectType,
    String objectId,
    @JsonRawValue String before,
    @JsonRawValue String after,
    String requestId,
    String decisionId,
    int format,
    String prevHash,
    String hash) {

  static AuditView of(AuditEntry e) {
    return new AuditView(e.tenantId(), e.sequence(), e.id(), AuditChain.formatTime(e.at()), e.actor(), e.action(),
        e.objectType(), e.objectId(), e.before(), e.after(), e.requestId(), e.decisionId(), AuditEntry.FORMAT,
        e.previousHash(), e.hash());
  }
}
