package dev.aegis.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;

/**
 * One entry of a tenant's audit log: who changed what, the object before and after (redacted, never a secret), and
 * the hashes that chain it to the entry before it.
 *
 * @param sequence 1, 2, 3... within the tenant
 * @param id such as {@code aud_01jd...}
 * @param actor the key that made the change ({@code key_...}), or {@code system}
 * @param action such as {@code key.created} or {@code policy.applied}
 * @param objectType such as {@code key} or {@code policy}
 * @param before the object before the change, or a JSON null when it is new
 * @param after the object after the change, or a JSON null when it is gone
 * @param requestId the request that made the change, or null
 * @param decisionId the policy decision it followed from, or null
 * @param format the version of the canonical form the hash covers
 * @param prevHash the hash of the entry before, 64 zeros for the first
 * @param hash HMAC-SHA256 of the entry's canonical form (docs/audit.md)
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record AuditEntry(
    String tenantId,
    long sequence,
    String id,
    Instant at,
    String actor,
    String action,
    String objectType,
    String objectId,
    JsonNode before,
    JsonNode after,
    String requestId,
    String decisionId,
    int format,
    String prevHash,
    String hash) {}
