package dev.aegis.core.audit;

import dev.aegis.core.page.Page;
import dev.aegis.core.page.PageRequest;
import java.util.List;

/**
 * The port of the audit log: per tenant, an append-only chain of {@link AuditEntry}s. Appends of one tenant are
 * serialized, so that concurrent changes still form one chain; nothing updates or deletes an entry.
 */
public interface AuditLog {
  /**
   * Appends the record as the tenant's next entry: takes the tenant's head lock, has the chain seal the entry after
   * the current head, stores it and moves the head. Inside {@link dev.aegis.core.store.Store#inTransaction} it
   * commits with the change it describes.
   */
  AuditEntry append(AuditRecord record, AuditChain chain);

  /** A page of the tenant's entries, newest first; the cursor is a sequence number. */
  Page<AuditEntry> list(String tenantId, AuditQuery query, PageRequest page);

  /** Up to {@code limit} entries after {@code afterSequence} and up to {@code upTo}, oldest first. */
  List<AuditEntry> chain(String tenantId, long afterSequence, long upTo, int limit);

  /** The stored head and the highest stored sequence, read together in one statement. */
  ChainEnd end(String tenantId);

  /**
   * Where a tenant's chain ends, as one read saw it.
   *
   * @param head the stored head, or null when the tenant has none
   * @param lastSequence the highest sequence among the stored entries, 0 when there are none
   */
  record ChainEnd(AuditHead head, long lastSequence) {}
}
