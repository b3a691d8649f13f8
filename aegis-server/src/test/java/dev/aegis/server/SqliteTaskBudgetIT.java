package dev.aegis.server;

import java.util.Map;

/** Task budgets and alerts on the default store: SQLite in the data directory. */
class SqliteTaskBudgetIT extends TaskBudgetContract {
  @Override
  Map<String, String> databaseSettings() {
    return Map.of();
  }
}
