package dev.aegis.store;

import java.util.List;

class SqliteAuditLogIT extends AuditLogContract {
  @Override
  protected StoreConfig config() {
    return StoreConfig.sqlite(dataDir);
  }

  @Override
  protected StoreConfig reopenConfig() {
    return StoreConfig.sqlite(dataDir);
  }

  @Override
  protected List<String> dropAppendOnlyTriggers() {
    return List.of("DROP TRIGGER IF EXISTS audit_entries_no_update", "DROP TRIGGER IF EXISTS audit_entries_no_delete");
  }
}
