package dev.aegis.store;

class PostgresAlertingStoreIT extends AlertingStoreContract {
  private StoreConfig config;

  @Override
  protected StoreConfig config() {
    config = TestPostgres.freshConfig(dataDir);
    return config;
  }

  @Override
  protected StoreConfig reopenConfig() {
    return config;
  }
}
