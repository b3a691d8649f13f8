package dev.aegis.server;

import java.util.Map;

/** The API contract on the default store: SQLite in the data directory. */
class SqliteApiIT extends ApiContract {
  @Override
  Map<String, String> databaseSettings() {
    return Map.of();
  }
}
