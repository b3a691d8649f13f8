package dev.aegis.core.auth;

import dev.aegis.core.page.Page;
import dev.aegis.core.page.PageRequest;
import java.time.Instant;
import java.util.Optional;

/** Stores API keys. */
public interface ApiKeyStore {
  void create(ApiKey key);

  /** The key whose secret starts with this prefix, revoked or not. */
  Optional<ApiKey> findByPrefix(String prefix);

  /** The key with this id, only if it belongs to this tenant. */
  Optional<ApiKey> find(String tenantId, String keyId);

  /** A tenant's keys, revoked ones included, in id order. */
  Page<ApiKey> list(String tenantId, PageRequest page);

  /** Marks the key revoked; false when it does not exist in this tenant. Revoking twice keeps the first time. */
  boolean revoke(String tenantId, String keyId, Instant at);

  /** Records that the key authenticated a request at this time. */
  void touch(String keyId, Instant at);
}
