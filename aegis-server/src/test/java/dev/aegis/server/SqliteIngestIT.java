package dev.aegis.server;

import java.util.Map;

/** OTLP ingest on the default store: SQLite in the data directory. */
class SqliteIngestIT extends IngestContract {
  @Override
  Map<String, String> databaseSettings() {
    return Map.of();
  }
}
