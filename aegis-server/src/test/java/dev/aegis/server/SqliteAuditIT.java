package dev.aegis.server;

import dev.aegis.store.JdbcStores;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/** The audit log on the default store: SQLite in the data directory. */
class SqliteAuditIT extends AuditContract {
  @Override
  Map<String, String> databaseSettings() {
    return Map.of();
  }

  @Override
  Jdbi rawDatabase() {
    return Jdbi.create("jdbc:sqlite:" + dataDir.resolve(JdbcStores.SQLITE_FILE));
  }

  @Override
  List<String> dropAppendOnlyTriggers() {
    return List.of("DROP TRIGGER IF EXISTS audit_entries_no_update", "DROP TRIGGER IF EXISTS audit_entries_no_delete");
  }

  @Override
  List<String> breakAuditAppends() {
    return List.of("CREATE TRIGGER audit_entries_full BEFORE INSERT ON audit_entries"
        + " BEGIN SELECT RAISE(ABORT, 'the audit log is full'); END");
  }
}
