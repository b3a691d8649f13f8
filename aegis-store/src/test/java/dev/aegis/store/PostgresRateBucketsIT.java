package dev.aegis.store;

class PostgresRateBucketsIT extends RateBucketsContract {
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
