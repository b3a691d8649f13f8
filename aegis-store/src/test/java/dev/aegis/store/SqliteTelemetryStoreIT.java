package dev.aegis.store;

class SqliteTelemetryStoreIT extends TelemetryStoreContract {
  @Override
  protected StoreConfig config() {
    return StoreConfig.sqlite(dataDir);
  }
}
