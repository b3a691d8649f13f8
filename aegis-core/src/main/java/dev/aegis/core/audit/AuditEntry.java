package dev.aegis.core.audit;

import java.time.Instant;

/**
 * One entry of a tenant's audit log: who did what to which object, what it looked like before and after, and the
 * hash that chains it to the entry before it. Entries are never changed or removed once stored.
 *
 * @param tenantId the tenant whose chain holds it
 * @param sequence 1, 2, 3... within the tenant, without gaps
 * @param id {@code aud_...}, unique across tenants
 * @param at when it was appended (milliseconds)
 * @param actor the key that made the change ({@code key_...}), or {@link AuditRecord#SYSTEM} for Aegis itself
 * @param action what happened, such as {@code key.created}; see {@link AuditAction}
 * @param objectType what kind of object it happened to, such as {@code key}
 * @param objectId which one, such as {@code key_01jd...}
 * @param before the object before the change as canonical JSON (RFC 8785), redacted; null when it is new
 * @param after the object after the change as canonical JSON, redacted; null when it is gone
 * @param requestId the request that made the change, or null
 * @param decisionId the policy decision the change followed from, or null
 * @param previousHash the hash of entry {@code sequence - 1}, or {@link AuditChain#GENESIS} for the first
 * @param hash HMAC-SHA256 of {@link AuditChain#canonicalForm(AuditEntry)}, in lowercase hex
 */
public record AuditEntry(
    String tenantId,
    long sequence,
    String id,
    Instant at,
    String actor,
    String action,
    String objectType,
    String objectId,
    String before,
    String after,
    String requestId,
    String decisionId,
    String previousHash,
    String hash) {
  /** The version of the canonical form this entry is hashed in; part of what is hashed. */
  public static final int FORMAT = 1;
  public static final String ID_PREFIX = "aud";
}
