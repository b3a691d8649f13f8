package dev.aegis.store;

import java.util.List;

class PostgresAuditLogIT extends AuditLogContract {
  private StoreConfig config;

  @Override
  protected StoreConfig config() {
    config = TestPostgres.freshConfig(dataDir);
    return config;
  }

  @Override
  protected StoreConfig reopenConfig() {
    return config;
  }

  @Override
  protected List<String> dropAppendOnlyTriggers() {
    return List.of("DROP TRIGGER IF EXISTS audit_entries_append_only ON audit_entries");
  }
}
