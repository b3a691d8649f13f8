package dev.aegis.store;

class SqliteRateBucketsIT extends RateBucketsContract {
  @Override
  protected StoreConfig config() {
    return StoreConfig.sqlite(dataDir);
  }

  @Override
  protected StoreConfig reopenConfig() {
    return StoreConfig.sqlite(dataDir);
  }
}
