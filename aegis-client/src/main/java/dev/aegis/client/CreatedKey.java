package dev.aegis.client;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.List;

/**
 * A key just created, with its secret: the only time the server shows it. {@link #toString()} leaves the secret out.
 *
 * @param secret the whole key, to send as {@code Authorization: Bearer <secret>}
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record CreatedKey(
    String id,
    String tenantId,
    String name,
    String prefix,
    List<String> roles,
    Instant createdAt,
    Instant lastUsedAt,
    Instant revokedAt,
    String secret) {
  public CreatedKey {
    roles = roles == null ? List.of() : List.copyOf(roles);
  }

  /** The key without its secret. */
  public ApiKeyInfo info() {
    return new ApiKeyInfo(id, tenantId, name, prefix, roles, createdAt, lastUsedAt, revokedAt);
  }

  @Override
  public String toString() {
    return "CreatedKey[id=" + id + ", tenantId=" + tenantId + ", name=" + name + ", prefix=" + prefix + ", roles="
        + roles + ", createdAt=" + createdAt + ", secret=(hidden)]";
  }
}
