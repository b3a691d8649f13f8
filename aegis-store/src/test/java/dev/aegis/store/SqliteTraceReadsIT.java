package dev.aegis.store;

class SqliteTraceReadsIT extends TraceReadsContract {
  @Override
  protected StoreConfig config() {
    return StoreConfig.sqlite(dataDir);
  }
}
