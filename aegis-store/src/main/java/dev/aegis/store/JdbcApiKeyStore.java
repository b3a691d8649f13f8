package dev.aegis.store;

import dev.aegis.core.auth.ApiKey;
import dev.aegis.core.auth.ApiKeyStore;
import dev.aegis.core.auth.Role;
import dev.aegis.core.page.Page;
import dev.aegis.core.page.PageRequest;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;

final class JdbcApiKeyStore implements ApiKeyStore {
  private static final String COLUMNS =
      "id, tenant_id, name, prefix, secret_hash, roles, created_at, last_used_at, revoked_at";

  private final Jdbi jdbi;

  JdbcApiKeyStore(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  @Override
  public void create(ApiKey key) {
    Sql.run("create a key", () -> jdbi.useHandle(h -> h.createUpdate("INSERT INTO api_keys (" + COLUMNS + ")"
            + " VALUES (:id, :tenant, :name, :prefix, :hash, :roles, :created, :used, :revoked)")
        .bind("id", key.id())
        .bind("tenant", key.tenantId())
        .bind("name", key.name())
        .bind("prefix", key.prefix())
        .bind("hash", key.secretHash())
        .bind("roles", encodeRoles(key.roles()))
        .bind("created", Times.toMillis(key.createdAt()))
        .bind("used", Times.toMillis(key.lastUsedAt()))
        .bind("revoked", Times.toMillis(key.revokedAt()))
        .execute()));
  }

  @Override
  public Optional<ApiKey> findByPrefix(String prefix) {
    return Sql.call("read a key", () -> jdbi.withHandle(h ->
        h.createQuery("SELECT " + COLUMNS + " FROM api_keys WHERE prefix = :prefix")
            .bind("prefix", prefix)
            .map(JdbcApiKeyStore::map)
            .findOne()));
  }

  @Override
  public Optional<ApiKey> find(String tenantId, String keyId) {
    return Sql.call("read a key", () -> jdbi.withHandle(h ->
        h.createQuery("SELECT " + COLUMNS + " FROM api_keys WHERE tenant_id = :tenant AND id = :id")
            .bind("tenant", tenantId)
            .bind("id", keyId)
            .map(JdbcApiKeyStore::map)
            .findOne()));
  }

  @Override
  public Page<ApiKey> list(String tenantId, PageRequest page) {
    return Sql.call("list keys", () -> jdbi.withHandle(h -> {
      var rows = h.createQuery("SELECT " + COLUMNS + " FROM api_keys WHERE tenant_id = :tenant"
              + (page.afterId() == null ? "" : " AND id > :after")
              + " ORDER BY id LIMIT :limit")
          .bind("tenant", tenantId)
          .bind("after", page.afterId())
          .bind("limit", page.limit() + 1)
          .map(JdbcApiKeyStore::map)
          .list();
      return Page.fromOverfetch(rows, page.limit(), ApiKey::id);
    }));
  }

  @Override
  public boolean revoke(String tenantId, String keyId, Instant at) {
    return Sql.call("revoke a key", () -> jdbi.withHandle(h -> {
      h.createUpdate("UPDATE api_keys SET revoked_at = :at"
              + " WHERE tenant_id = :tenant AND id = :id AND revoked_at IS NULL")
          .bind("at", Times.toMillis(at))
          .bind("tenant", tenantId)
          .bind("id", keyId)
          .execute();
      return h.createQuery("SELECT COUNT(*) FROM api_keys WHERE tenant_id = :tenant AND id = :id")
          .bind("tenant", tenantId)
          .bind("id", keyId)
          .mapTo(Integer.class)
          .one() > 0;
    }));
  }

  @Override
  public void touch(String keyId, Instant at) {
    Sql.run("record a key's use", () -> jdbi.useHandle(h ->
        h.createUpdate("UPDATE api_keys SET last_used_at = :at"
                + " WHERE id = :id AND (last_used_at IS NULL OR last_used_at < :at)")
            .bind("at", Times.toMillis(at))
            .bind("id", keyId)
            .execute()));
  }

  private static String encodeRoles(Set<Role> roles) {
    return roles.stream().sorted().map(Role::wireName).collect(Collectors.joining(","));
  }

  private static Set<Role> decodeRoles(String text) {
    EnumSet<Role> roles = EnumSet.noneOf(Role.class);
    Arrays.stream(text.split(","))
        .filter(s -> !s.isBlank())
        .forEach(name -> roles.add(Role.fromWire(name)
            .orElseThrow(() -> new IllegalStateException("stored key has an unknown role: " + name))));
    return roles;
  }

  private static ApiKey map(ResultSet rs, StatementContext ctx) throws SQLException {
    return new ApiKey(
        rs.getString("id"),
        rs.getString("tenant_id"),
        rs.getString("name"),
        rs.getString("prefix"),
        rs.getString("secret_hash"),
        decodeRoles(rs.getString("roles")),
        Times.read(rs, "created_at"),
        Times.read(rs, "last_used_at"),
        Times.read(rs, "revoked_at"));
  }
}
