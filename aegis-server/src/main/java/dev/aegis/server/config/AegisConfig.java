package dev.aegis.server.config;

import dev.aegis.store.StoreConfig;
import java.nio.file.Path;
import java.util.Map;

/**
 * The whole server configuration, one typed part per feature; built by {@link ConfigLoader}.
 *
 * @param server where to listen and how long to drain
 * @param http request limits
 * @param auth the bootstrap admin key
 * @param log the log level
 * @param store the data directory and database
 * @param ingest the OTLP ingest queue and its limits
 * @param telemetry retention and the redaction key
 * @param secrets the master key that encrypts secrets at rest
 * @param webhooks where webhooks may point and how deliveries are retried
 * @param taskBudgets defaults of task budgets
 * @param query limits of the trace-first query
 * @param policy how policy changes spread and how many allow decisions are logged
 */
public record AegisConfig(
    ServerConfig server,
    HttpConfig http,
    AuthConfig auth,
    LogConfig log,
    StoreConfig store,
    IngestConfig ingest,
    TelemetryConfig telemetry,
    SecretsConfig secrets,
    WebhooksConfig webhooks,
    TaskBudgetsConfig taskBudgets,
    QueryConfig query,
    PolicyConfig policy) {
  /** Every default, as if no file, env var or flag were given. */
  public static AegisConfig defaults() {
    return ConfigLoader.load(null, Map.of(), Map.of());
  }

  /** The data directory, where the SQLite file and the generated admin key live. */
  public Path dataDir() {
    return store.dataDir();
  }
}
