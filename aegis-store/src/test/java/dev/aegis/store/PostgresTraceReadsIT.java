package dev.aegis.store;

class PostgresTraceReadsIT extends TraceReadsContract {
  @Override
  protected StoreConfig config() {
    return TestPostgres.freshConfig(dataDir);
  }
}
