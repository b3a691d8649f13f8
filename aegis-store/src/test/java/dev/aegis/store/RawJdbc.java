package dev.aegis.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** A plain JDBC connection to a store's database, for tests that must put there what the store never would. */
final class RawJdbc {
  private RawJdbc() {}

  static Connection connect(StoreConfig config) throws SQLException {
    String url = config.url() == null ? "jdbc:sqlite:" + config.dataDir().resolve(JdbcStores.SQLITE_FILE) : config.url();
    return DriverManager.getConnection(url, config.user(), config.password());
  }
}
