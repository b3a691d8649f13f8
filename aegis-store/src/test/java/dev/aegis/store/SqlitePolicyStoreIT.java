package dev.aegis.store;

class SqlitePolicyStoreIT extends PolicyStoreContract {
  @Override
  protected StoreConfig config() {
    return StoreConfig.sqlite(dataDir);
  }

  @Override
  protected StoreConfig reopenConfig() {
    return StoreConfig.sqlite(dataDir);
  }
}
