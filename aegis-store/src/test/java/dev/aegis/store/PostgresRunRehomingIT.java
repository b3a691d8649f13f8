package dev.aegis.store;

class PostgresRunRehomingIT extends RunRehomingContract {
  @Override
  protected StoreConfig config() {
    return TestPostgres.freshConfig(dataDir);
  }
}
