package dev.aegis.store;

import dev.aegis.core.store.Store;

/** Opens the JDBC store that a {@link StoreConfig} names, migrating its schema first. */
public final class JdbcStores {
  private JdbcStores() {}

  /** Opens SQLite or PostgreSQL as the config says; throws {@link dev.aegis.core.store.StoreException} on failure. */
  public static Store open(StoreConfig config) {
    throw new UnsupportedOperationException("being written");
  }
}
