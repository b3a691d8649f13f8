package dev.aegis.server.audit;

import dev.aegis.core.audit.AuditVerification;

/** What {@code GET /api/v1/audit/verify} answers. */
record VerificationView(String tenantId, boolean ok, long entriesChecked, HeadView head, BrokenView firstBroken) {
  /** Where the chain ends: keep it, and a later answer that disagrees shows the history was rewritten. */
  record HeadView(long sequence, String hash) {}

  /** The first entry that does not check out; {@code entry_id} is null when the entry is missing. */
  record BrokenView(long sequence, String entryId, String problem, String detail) {}

  static VerificationView of(String tenantId, AuditVerification v) {
    return new VerificationView(tenantId, v.ok(), v.entriesChecked(),
        v.head() == null ? null : new HeadView(v.head().sequence(), v.head().hash()),
        v.firstBroken() == null ? null : new BrokenView(v.firstBroken().sequence(), v.firstBroken().entryId(),
            v.firstBroken().problem().wireName(), v.firstBroken().detail()));
  }
}
