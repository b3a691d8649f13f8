package dev.aegis.client;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.List;

/**
 * An API key as the server lists it: everything but the secret.
 *
 * @param id such as {@code key_01jd...}
 * @param prefix the visible start of the secret, such as {@code aegis_k3j4h5g6}
 * @param roles wire names, such as {@code agent}
 * @param lastUsedAt when the key last authenticated a request (updated at most once a minute), or null
 * @param revokedAt when it was revoked, or null while it is active
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ApiKeyInfo(
    String id,
    String tenantId,
    String name,
    String prefix,
    List<String> roles,
    Instant createdAt,
    Instant lastUsedAt,
    Instant revokedAt) {
  public ApiKeyInfo {
    roles = roles == null ? List.of() : List.copyOf(roles);
  }

  public boolean isActive() {
    return revokedAt == null;
  }
}
