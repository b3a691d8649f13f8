package dev.aegis.store;

import org.jdbi.v3.core.Jdbi;

/** Reaches a store's database directly, around the store, for tests of what the schema itself enforces. */
final class RawJdbi {
  private RawJdbi() {}

  static Jdbi of(StoreConfig config) {
    if (config.url() == null) {
      return Jdbi.create("jdbc:sqlite:" + config.dataDir().resolve(JdbcStores.SQLITE_FILE));
    }
    return Jdbi.create(config.url(), config.user(), config.password());
  }
}
