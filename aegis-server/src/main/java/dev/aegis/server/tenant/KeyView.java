package dev.aegis.server.tenant;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.aegis.core.auth.ApiKey;
import dev.aegis.core.auth.Role;
import java.time.Instant;
import java.util.List;

/** A key as the API shows it: never its hash, and its secret only in the answer that created it. */
record KeyView(
    String id,
    String tenantId,
    String name,
    String prefix,
    List<String> roles,
    Instant createdAt,
    Instant lastUsedAt,
    Instant revokedAt,
    @JsonInclude(JsonInclude.Include.NON_NULL) String secret) {

  static KeyView of(ApiKey key) {
    return withSecret(key, null);
  }

  static KeyView withSecret(ApiKey key, String secret) {
    List<String> roles = key.roles().stream().sorted().map(Role::wireName).toList();
    return new KeyView(key.id(), key.tenantId(), key.name(), key.prefix(), roles, key.createdAt(),
        key.lastUsedAt(), key.revokedAt(), secret);
  }

  /** The secret is shown once, to the client; it never goes into a log line. */
  @Override
  public String toString() {
    return "KeyView[id=" + id + ", tenantId=" + tenantId + ", prefix=" + prefix + "]";
  }
}
