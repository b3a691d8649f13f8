package dev.aegis.store;

import com.zaxxer.hikari.HikariDataSource;
import dev.aegis.core.auth.ApiKeyStore;
import dev.aegis.core.store.Store;
import dev.aegis.core.tenant.TenantStore;
import java.sql.Connection;
import java.sql.SQLException;
import org.jdbi.v3.core.Jdbi;

/** The store on one JDBC database: a connection pool, and one port implementation per feature. */
final class JdbcStore implements Store {
  private static final int PING_TIMEOUT_SECONDS = 2;

  private final HikariDataSource dataSource;
  private final Dialect dialect;
  private final TenantStore tenants;
  private final ApiKeyStore keys;

  JdbcStore(HikariDataSource dataSource, Dialect dialect) {
    this.dataSource = dataSource;
    this.dialect = dialect;
    Jdbi jdbi = Jdbi.create(dataSource);
    this.tenants = new JdbcTenantStore(jdbi, dialect);
    this.keys = new JdbcApiKeyStore(jdbi);
  }

  @Override
  public TenantStore tenants() {
    return tenants;
  }

  @Override
  public ApiKeyStore keys() {
    return keys;
  }

  @Override
  public boolean isReachable() {
    if (dataSource.isClosed()) {
      return false;
    }
    try (Connection c = dataSource.getConnection()) {
      return c.isValid(PING_TIMEOUT_SECONDS);
    } catch (SQLException | RuntimeException e) {
      return false;
    }
  }

  @Override
  public String kind() {
    return dialect.kind();
  }

  @Override
  public void close() {
    dataSource.close();
  }
}
