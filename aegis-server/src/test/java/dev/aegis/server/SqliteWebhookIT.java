package dev.aegis.server;

import java.util.Map;

/** Webhooks on the default store: SQLite in the data directory. */
class SqliteWebhookIT extends WebhookContract {
  @Override
  Map<String, String> databaseSettings() {
    return Map.of();
  }
}
