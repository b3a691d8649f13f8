package dev.aegis.store;

class SqliteCapOverrideStoreIT extends CapOverrideStoreContract {
  @Override
  protected StoreConfig config() {
    return StoreConfig.sqlite(dataDir);
  }

  @Override
  protected StoreConfig reopenConfig() {
    return StoreConfig.sqlite(dataDir);
  }
}
