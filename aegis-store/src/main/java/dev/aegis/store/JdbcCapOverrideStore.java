package dev.aegis.store;

import dev.aegis.core.page.Page;
import dev.aegis.core.page.PageRequest;
import dev.aegis.core.policy.CapOverride;
import dev.aegis.core.policy.CapOverrideStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;

/** Cap overrides on JDBC; writes take the tenant's revision lock, as policy changes do, and bump its counter. */
final class JdbcCapOverrideStore implements CapOverrideStore {
  private static final String COLUMNS = "id, tenant_id, agent_id, connector, limit_per_min, reason, source, actor,"
      + " created_at, expires_at";
  private static final String ACTIVE = " AND (expires_at IS NULL OR expires_at > :now)";

  private final Jdbi jdbi;
  private final Dialect dialect;

  JdbcCapOverrideStore(Jdbi jdbi, Dialect dialect) {
    this.jdbi = jdbi;
    this.dialect = dialect;
  }

  @Override
  public Optional<CapOverride> put(CapOverride override) {
    CapOverride o = new CapOverride(override.id(), override.tenantId(), override.agentId(), override.connector(),
        override.limitPerMin(), override.reason(), override.source(), override.actor(),
        override.createdAt().truncatedTo(ChronoUnit.MILLIS),
        override.expiresAt() == null ? null : override.expiresAt().truncatedTo(ChronoUnit.MILLIS));
    return Sql.call("store a cap override", () -> jdbi.inTransaction(h -> {
      JdbcPolicyStore.lockRevisions(h, dialect, o.tenantId());
      Optional<CapOverride> previous = h.createQuery("SELECT " + COLUMNS + " FROM cap_overrides"
              + " WHERE tenant_id = :tenant AND agent_id = :agent AND connector = :connector")
          .bind("tenant", o.tenantId())
          .bind("agent", o.agentId())
          .bind("connector", o.connector())
          .map(JdbcCapOverrideStore::map)
          .findOne();
      previous.ifPresent(p -> h.createUpdate("DELETE FROM cap_overrides WHERE id = :id").bind("id", p.id()).execute());
      h.createUpdate("INSERT INTO cap_overrides (" + COLUMNS + ") VALUES (:id, :tenant, :agent, :connector, :limit,"
              + " :reason, :source, :actor, :created, :expires)")
          .bind("id", o.id())
          .bind("tenant", o.tenantId())
          .bind("agent", o.agentId())
          .bind("connector", o.connector())
          .bind("limit", o.limitPerMin())
          .bind("reason", o.reason())
          .bind("source", o.source().wireName())
          .bind("actor", o.actor())
          .bind("created", Times.toMillis(o.createdAt()))
          .bind("expires", Times.toMillis(o.expiresAt()))
          .execute();
      bumpRevision(h, o.tenantId());
      return previous;
    }));
  }

  @Override
  public Optional<CapOverride> find(String tenantId, String id, Instant now) {
    return Sql.call("read a cap override", () -> jdbi.withHandle(h ->
        h.createQuery("SELECT " + COLUMNS + " FROM cap_overrides WHERE tenant_id = :tenant AND id = :id" + ACTIVE)
            .bind("tenant", tenantId)
            .bind("id", id)
            .bind("now", Times.toMillis(now))
            .map(JdbcCapOverrideStore::map)
            .findOne()));
  }

  @Override
  public List<CapOverride> active(String tenantId, Instant now) {
    return Sql.call("read cap overrides", () -> jdbi.withHandle(h ->
        h.createQuery("SELECT " + COLUMNS + " FROM cap_overrides WHERE tenant_id = :tenant" + ACTIVE
                + " ORDER BY agent_id, connector")
            .bind("tenant", tenantId)
            .bind("now", Times.toMillis(now))
            .map(JdbcCapOverrideStore::map)
            .list()));
  }

  @Override
  public Page<CapOverride> list(String tenantId, Instant now, PageRequest page) {
    return Sql.call("list cap overrides", () -> jdbi.withHandle(h -> {
      var rows = h.createQuery("SELECT " + COLUMNS + " FROM cap_overrides WHERE tenant_id = :tenant" + ACTIVE
              + (page.afterId() == null ? "" : " AND id > :after") + " ORDER BY id LIMIT :limit")
          .bind("tenant", tenantId)
          .bind("now", Times.toMillis(now))
          .bind("after", page.afterId())
          .bind("limit", page.limit() + 1)
          .map(JdbcCapOverrideStore::map)
          .list();
      return Page.fromOverfetch(rows, page.limit(), CapOverride::id);
    }));
  }

  @Override
  public boolean delete(String tenantId, String id) {
    return Sql.call("delete a cap override", () -> jdbi.inTransaction(h -> {
      JdbcPolicyStore.lockRevisions(h, dialect, tenantId);
      int deleted = h.createUpdate("DELETE FROM cap_overrides WHERE tenant_id = :tenant AND id = :id")
          .bind("tenant", tenantId)
          .bind("id", id)
          .execute();
      if (deleted > 0) {
        bumpRevision(h, tenantId);
      }
      return deleted > 0;
    }));
  }

  @Override
  public int deleteExpired(Instant now) {
    return Sql.call("delete expired cap overrides", () -> jdbi.withHandle(h ->
        h.createUpdate("DELETE FROM cap_overrides WHERE expires_at <= :now")
            .bind("now", Times.toMillis(now))
            .execute()));
  }

  @Override
  public long revision(String tenantId) {
    return Sql.call("read the cap override revision", () -> jdbi.withHandle(h ->
        h.createQuery("SELECT cap_overrides FROM policy_revisions WHERE tenant_id = :tenant")
            .bind("tenant", tenantId)
            .mapTo(Long.class)
            .findOne()
            .orElse(0L)));
  }

  private static void bumpRevision(Handle h, String tenantId) {
    h.createUpdate("UPDATE policy_revisions SET cap_overrides = cap_overrides + 1 WHERE tenant_id = :tenant")
        .bind("tenant", tenantId)
        .execute();
  }

  private static CapOverride map(ResultSet rs, StatementContext ctx) throws SQLException {
    return new CapOverride(
        rs.getString("id"),
        rs.getString("tenant_id"),
        rs.getString("agent_id"),
        rs.getString("connector"),
        rs.getInt("limit_per_min"),
        rs.getString("reason"),
        CapOverride.Source.fromWire(rs.getString("source"))
            .orElseThrow(() -> new IllegalStateException("stored cap override has an unknown source")),
        rs.getString("actor"),
        Times.read(rs, "created_at"),
        Times.read(rs, "expires_at"));
  }
}
