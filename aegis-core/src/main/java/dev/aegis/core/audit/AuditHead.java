package dev.aegis.core.audit;

/**
 * The end of a tenant's chain as the store keeps it beside the entries: the last sequence and hash, and a MAC over
 * both, so that entries removed from the end show even when whoever removed them also moved the head back.
 *
 * @param sequence the last entry's sequence
 * @param hash the last entry's hash
 * @param mac HMAC-SHA256 over the tenant, sequence and hash (see {@link AuditChain#headOf})
 */
public record AuditHead(String tenantId, long sequence, String hash, String mac) {}
