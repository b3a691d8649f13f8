package dev.aegis.store;

import dev.aegis.core.page.Page;
import dev.aegis.core.page.PageRequest;
import dev.aegis.core.tenant.NameTakenException;
import dev.aegis.core.tenant.Tenant;
import dev.aegis.core.tenant.TenantStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.statement.StatementContext;

final class JdbcTenantStore implements TenantStore {
  private final Jdbi jdbi;
  private final Dialect dialect;

  JdbcTenantStore(Jdbi jdbi, Dialect dialect) {
    this.jdbi = jdbi;
    this.dialect = dialect;
  }

  @Override
  public void create(Tenant tenant) {
    try {
      jdbi.useHandle(h -> h.createUpdate("INSERT INTO tenants (id, name, created_at) VALUES (:id, :name, :created)")
          .bind("id", tenant.id())
          .bind("name", tenant.name())
          .bind("created", Times.toMillis(tenant.createdAt()))
          .execute());
    } catch (JdbiException e) {
      if (dialect.isUniqueViolation(e)) {
        throw new NameTakenException(tenant.name());
      }
      throw Sql.failure("create a tenant", e);
    }
  }

  @Override
  public Optional<Tenant> findById(String id) {
    return findBy("id", id);
  }

  @Override
  public Optional<Tenant> findByName(String name) {
    return findBy("name", name);
  }

  private Optional<Tenant> findBy(String column, String value) {
    return Sql.call("read a tenant", () -> jdbi.withHandle(h ->
        h.createQuery("SELECT id, name, created_at FROM tenants WHERE " + column + " = :v")
            .bind("v", value)
            .map(JdbcTenantStore::map)
            .findOne()));
  }

  @Override
  public Page<Tenant> list(PageRequest page) {
    return Sql.call("list tenants", () -> jdbi.withHandle(h -> {
      var rows = h.createQuery("SELECT id, name, created_at FROM tenants"
              + (page.afterId() == null ? "" : " WHERE id > :after")
              + " ORDER BY id LIMIT :limit")
          .bind("after", page.afterId())
          .bind("limit", page.limit() + 1)
          .map(JdbcTenantStore::map)
          .list();
      return Page.fromOverfetch(rows, page.limit(), Tenant::id);
    }));
  }

  private static Tenant map(ResultSet rs, StatementContext ctx) throws SQLException {
    return new Tenant(rs.getString("id"), rs.getString("name"), Times.read(rs, "created_at"));
  }
}
