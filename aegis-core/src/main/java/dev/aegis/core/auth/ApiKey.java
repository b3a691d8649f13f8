package dev.aegis.core.auth;

import java.time.Instant;
import java.util.Set;

/**
 * A stored API key. The secret itself is never stored: only its SHA-256 hash.
 *
 * @param id the generated id, {@code key_...}
 * @param tenantId the tenant the key acts for
 * @param name a label chosen by whoever created it
 * @param prefix the visible start of the secret, unique, used to find the key and shown in lists
 * @param secretHash hex SHA-256 of the whole secret
 * @param lastUsedAt when the key last authenticated a request (coarse), or null
 * @param revokedAt when it was revoked, or null while it is active
 */
public record ApiKey(
    String id,
    String tenantId,
    String name,
    String prefix,
    String secretHash,
    Set<Role> roles,
    Instant createdAt,
    Instant lastUsedAt,
    Instant revokedAt) {
  public static final String ID_PREFIX = "key";

  public ApiKey {
    roles = Set.copyOf(roles);
  }

  public boolean isActive() {
    return revokedAt == null;
  }
}
