package dev.aegis.server;

import java.util.Map;

/** The trace-first query on SQLite. */
class SqliteQueryIT extends QueryContract {
  @Override
  Map<String, String> databaseSettings() {
    return Map.of();
  }
}
