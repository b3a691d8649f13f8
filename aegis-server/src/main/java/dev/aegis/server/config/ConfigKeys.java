package dev.aegis.server.config;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The registry of every configuration key, its env var, flag and default; docs/configuration.md mirrors it. */
public final class ConfigKeys {
  /** The environment variable that names the YAML file when no {@code --config} flag is given. */
  public static final String CONFIG_FILE_ENV = "AEGIS_CONFIG";

  /** The command-line flag that names the YAML file. */
  public static final String CONFIG_FILE_FLAG = "--config";

  /** {@code AEGIS_*} variables that belong to the client and launcher, not to the server's configuration. */
  public static final Set<String> RESERVED_ENV =
      Set.of("AEGIS_URL", "AEGIS_KEY", CONFIG_FILE_ENV, "AEGIS_JAVA_OPTS", "AEGIS_HOME");

  public static final ConfigKey SERVER_HOST = new ConfigKey(
      "server.host", ValueType.HOST, "127.0.0.1", "--host", false,
      "Address to listen on; 0.0.0.0 listens on every interface.");
  public static final ConfigKey SERVER_PORT = new ConfigKey(
      "server.port", ValueType.PORT, "4318", "--port", false,
      "HTTP port; 4318 is where OpenTelemetry exporters send OTLP/HTTP by default.");
  public static final ConfigKey SERVER_DRAIN_TIMEOUT = new ConfigKey(
      "server.drain_timeout", ValueType.DURATION, "30s", null, false,
      "On shutdown, how long in-flight requests may take to finish before they are cut off.");
  public static final ConfigKey DATA_DIR = new ConfigKey(
      "data.dir", ValueType.PATH, "./aegis-data", "--data", false,
      "Data directory: the SQLite database and the generated admin.key file.");
  public static final ConfigKey DATABASE_URL = new ConfigKey(
      "database.url", ValueType.JDBC_URL, "", null, false,
      "JDBC URL; empty means the SQLite file aegis.db in data.dir, a jdbc:postgresql: URL means PostgreSQL.");
  public static final ConfigKey DATABASE_USER = new ConfigKey(
      "database.user", ValueType.TEXT, "", null, false, "Database user, when the URL does not carry one.");
  public static final ConfigKey DATABASE_PASSWORD = new ConfigKey(
      "database.password", ValueType.TEXT, "", null, true, "Database password; never printed or logged.");
  public static final ConfigKey DATABASE_POOL_SIZE = new ConfigKey(
      "database.pool_size", ValueType.POSITIVE_INT, "10", null, false, "Most database connections held open.");
  public static final ConfigKey DATABASE_BUSY_TIMEOUT = new ConfigKey(
      "database.busy_timeout", ValueType.DURATION, "5s", null, false,
      "How long SQLite waits for a lock before a write fails.");
  public static final ConfigKey ADMIN_KEY = new ConfigKey(
      "admin.key", ValueType.ADMIN_KEY, "", null, true,
      "The system admin's bearer key; empty means the admin.key file in data.dir, created (mode 0600) on first start.");
  public static final ConfigKey HTTP_MAX_BODY_BYTES = new ConfigKey(
      "http.max_body_bytes", ValueType.BYTES, "4194304", null, false,
      "Largest request body accepted; larger bodies get 413.");
  public static final ConfigKey LOG_LEVEL = new ConfigKey(
      "log.level", ValueType.LOG_LEVEL, "info", null, false, "Log level: trace, debug, info, warn or error.");
  public static final ConfigKey INGEST_QUEUE_MAX_SPANS = new ConfigKey(
      "ingest.queue_max_spans", ValueType.COUNT, "100000", null, false,
      "Most spans waiting to be written; past it, OTLP exports get 503 with Retry-After.");
  public static final ConfigKey INGEST_MAX_BATCH_SPANS = new ConfigKey(
      "ingest.max_batch_spans", ValueType.COUNT, "20000", null, false,
      "Most spans the writer commits in one transaction (requests waiting together share it).");
  public static final ConfigKey INGEST_MAX_CONCURRENT_REQUESTS = new ConfigKey(
      "ingest.max_concurrent_requests", ValueType.POSITIVE_INT, "64", null, false,
      "Most OTLP exports being read and decoded at once; more get 503 with Retry-After.");
  public static final ConfigKey INGEST_RETRY_AFTER = new ConfigKey(
      "ingest.retry_after", ValueType.DURATION, "1s", null, false,
      "The Retry-After sent with 503 when the ingest queue is full (rounded up to whole seconds).");
  public static final ConfigKey INGEST_RUN_CACHE_SPANS = new ConfigKey(
      "ingest.run_cache_spans", ValueType.COUNT, "200000", null, false,
      "How many recent spans' runs are remembered, so that children sent later find their parent's run.");
  public static final ConfigKey TELEMETRY_RETENTION_DAYS = new ConfigKey(
      "telemetry.retention_days", ValueType.POSITIVE_INT, "30", null, false,
      "Days a run is kept after it ended, for tenants that did not set their own.");
  public static final ConfigKey TELEMETRY_PURGE_INTERVAL = new ConfigKey(
      "telemetry.purge_interval", ValueType.DURATION, "1h", null, false,
      "How often expired runs are deleted; 0 turns the purge off.");
  public static final ConfigKey TELEMETRY_REDACTION_KEY = new ConfigKey(
      "telemetry.redaction_key", ValueType.ADMIN_KEY, "", null, true,
      "Secret from which each tenant's redaction hash key is derived; empty means the redaction.key file in data.dir, created (mode 0600) on first start. Servers sharing a database need the same one.");

  public static final ConfigKey MASTER_KEY = new ConfigKey(
      "master.key", ValueType.MASTER_KEY, "", null, true,
      "Key that encrypts secrets at rest, such as webhook signing secrets; empty means the master.key file in data.dir, created (mode 0600) on first start. Servers sharing a database need the same one; without it those secrets cannot be read.");
  public static final ConfigKey WEBHOOKS_ALLOW_PRIVATE_NETWORKS = new ConfigKey(
      "webhooks.allow_private_networks", ValueType.BOOLEAN, "false", null, false,
      "Whether webhook URLs may reach loopback, private, link-local and other internal addresses; checked when a webhook is created and again at every delivery.");
  public static final ConfigKey WEBHOOKS_MAX_ATTEMPTS = new ConfigKey(
      "webhooks.max_attempts", ValueType.POSITIVE_INT, "15", null, false,
      "Attempts per webhook delivery before it is marked failed.");
  public static final ConfigKey WEBHOOKS_TIMEOUT = new ConfigKey(
      "webhooks.timeout", ValueType.POSITIVE_DURATION, "10s", null, false,
      "How long one delivery attempt may take to connect, and then to be answered.");
  public static final ConfigKey WEBHOOKS_BACKOFF_BASE = new ConfigKey(
      "webhooks.backoff_base", ValueType.POSITIVE_DURATION, "1s", null, false,
      "Wait after a delivery's first failed attempt; each later wait doubles, with jitter, up to webhooks.backoff_max.");
  public static final ConfigKey WEBHOOKS_BACKOFF_MAX = new ConfigKey(
      "webhooks.backoff_max", ValueType.POSITIVE_DURATION, "1h", null, false,
      "Longest wait between two attempts of a delivery.");
  public static final ConfigKey TASK_BUDGETS_DEFAULT_WINDOW = new ConfigKey(
      "task_budgets.default_window", ValueType.BUDGET_WINDOW, "15m", null, false,
      "Window of a task budget that does not set one.");
  public static final ConfigKey TASK_BUDGETS_DEFAULT_MIN_SAMPLES = new ConfigKey(
      "task_budgets.default_min_samples", ValueType.POSITIVE_INT, "20", null, false,
      "min_samples of a task budget that does not set it: fewer finished runs in the window are not judged.");
  public static final ConfigKey QUERY_MAX_TRACE_SPANS = new ConfigKey(
      "query.max_trace_spans", ValueType.POSITIVE_INT, "10000", null, false,
      "Most spans one run trace or timeline answer holds; past it, the earliest spans are shown and truncated is true.");
  public static final ConfigKey POLICY_REFRESH_INTERVAL = new ConfigKey(
      "policy.refresh_interval", ValueType.POSITIVE_DURATION, "2s", null, false,
      "How often a server asks the store whether another server changed a tenant's policies or rate-cap overrides; its own changes apply at once.");
  public static final ConfigKey POLICY_ALLOW_LOG_SAMPLE_RATE = new ConfigKey(
      "policy.allow_log_sample_rate", ValueType.FRACTION, "1", null, false,
      "Share of allow decisions written to the decision log (deny, require_approval and rate_limited decisions are always written).");
  public static final ConfigKey POLICY_SHARED_RATE_CAPS = new ConfigKey(
      "policy.shared_rate_caps", ValueType.BOOLEAN, "false", null, false,
      "Whether rate-cap buckets live in the database, shared by every server on it (one atomic statement per capped decision), instead of in each server's memory.");

  private static final List<ConfigKey> ALL = List.of(
      SERVER_HOST, SERVER_PORT, SERVER_DRAIN_TIMEOUT, DATA_DIR, DATABASE_URL, DATABASE_USER, DATABASE_PASSWORD,
      DATABASE_POOL_SIZE, DATABASE_BUSY_TIMEOUT, ADMIN_KEY, HTTP_MAX_BODY_BYTES, LOG_LEVEL, INGEST_QUEUE_MAX_SPANS,
      INGEST_MAX_BATCH_SPANS, INGEST_MAX_CONCURRENT_REQUESTS, INGEST_RETRY_AFTER, INGEST_RUN_CACHE_SPANS,
      TELEMETRY_RETENTION_DAYS, TELEMETRY_PURGE_INTERVAL, TELEMETRY_REDACTION_KEY, MASTER_KEY,
      WEBHOOKS_ALLOW_PRIVATE_NETWORKS, WEBHOOKS_MAX_ATTEMPTS, WEBHOOKS_TIMEOUT, WEBHOOKS_BACKOFF_BASE,
      WEBHOOKS_BACKOFF_MAX, TASK_BUDGETS_DEFAULT_WINDOW, TASK_BUDGETS_DEFAULT_MIN_SAMPLES,
      QUERY_MAX_TRACE_SPANS, POLICY_REFRESH_INTERVAL, POLICY_ALLOW_LOG_SAMPLE_RATE,
      POLICY_SHARED_RATE_CAPS);

  private ConfigKeys() {}

  /** Every key, in documentation order. */
  public static List<ConfigKey> all() {
    return ALL;
  }

  public static Optional<ConfigKey> byName(String name) {
    return ALL.stream().filter(key -> key.name().equals(name)).findFirst();
  }

  public static Optional<ConfigKey> byEnvVar(String envVar) {
    return ALL.stream().filter(key -> key.envVar().equals(envVar)).findFirst();
  }

  public static Optional<ConfigKey> byFlag(String flag) {
    return ALL.stream().filter(key -> flag.equals(key.flag())).findFirst();
  }
}
