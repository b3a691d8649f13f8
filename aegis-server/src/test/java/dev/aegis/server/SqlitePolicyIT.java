package dev.aegis.server;

import java.util.Map;

/** Policies and decisions on the default store: SQLite in the data directory. */
class SqlitePolicyIT extends PolicyContract {
  @Override
  Map<String, String> databaseSettings() {
    return Map.of();
  }
}
