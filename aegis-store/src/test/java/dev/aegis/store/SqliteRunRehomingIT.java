package dev.aegis.store;

class SqliteRunRehomingIT extends RunRehomingContract {
  @Override
  protected StoreConfig config() {
    return StoreConfig.sqlite(dataDir);
  }
}
