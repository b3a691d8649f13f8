package dev.aegis.store;

class PostgresTelemetryStoreIT extends TelemetryStoreContract {
  @Override
  protected StoreConfig config() {
    return TestPostgres.freshConfig(dataDir);
  }
}
