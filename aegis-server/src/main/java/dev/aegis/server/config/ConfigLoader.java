package dev.aegis.server.config;

import dev.aegis.store.StoreConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds an {@link AegisConfig} from defaults, a YAML file, {@code AEGIS_*} environment variables and command-line
 * flags, in increasing precedence. Unknown or invalid keys throw {@link ConfigException} naming the key.
 */
public final class ConfigLoader {
  private ConfigLoader() {}

  /**
   * @param file the YAML file, or null for the file named by {@code AEGIS_CONFIG} in {@code env}, or none
   * @param env the process environment (only {@code AEGIS_*} entries are read)
   * @param flags dotted keys from command-line flags, such as {@code server.port -> 8080}
   */
  public static AegisConfig load(Path file, Map<String, String> env, Map<String, String> flags) {
    Map<String, String> environment = env == null ? Map.of() : env;
    List<String> errors = new ArrayList<>();
    Map<ConfigKey, Setting> settings = new HashMap<>();

    readFile(file, environment, settings, errors);
    readEnv(environment, settings, errors);
    readFlags(flags == null ? Map.of() : flags, settings, errors);
    throwIfAny(errors);

    Map<ConfigKey, Object> values = new HashMap<>();
    for (ConfigKey key : ConfigKeys.all()) {
      Setting setting = settings.get(key);
      String raw = setting == null || setting.raw() == null || setting.raw().isEmpty()
          ? key.defaultValue()
          : setting.raw();
      if (raw.isEmpty()) {
        continue;
      }
      try {
        values.put(key, key.type().parse(raw));
      } catch (IllegalArgumentException e) {
        String shown = key.secret() ? "" : " = \"" + raw + "\"";
        String from = setting == null ? "default" : setting.source();
        errors.add(key.name() + shown + " (from " + from + ") is not valid: " + e.getMessage());
      }
    }
    checkTogether(values, errors);
    throwIfAny(errors);
    return build(values);
  }

  /** Checks of keys whose values are only wrong in combination. */
  private static void checkTogether(Map<ConfigKey, Object> values, List<String> errors) {
    Duration base = (Duration) values.get(ConfigKeys.WEBHOOKS_BACKOFF_BASE);
    Duration max = (Duration) values.get(ConfigKeys.WEBHOOKS_BACKOFF_MAX);
    if (base != null && max != null && base.compareTo(max) > 0) {
      errors.add(ConfigKeys.WEBHOOKS_BACKOFF_BASE.name() + " (" + base + ") must not be longer than "
          + ConfigKeys.WEBHOOKS_BACKOFF_MAX.name() + " (" + max + ")");
    }
  }

  /** Every key this loader understands, for help texts; the same list as {@link ConfigKeys#all()}. */
  public static List<ConfigKey> keys() {
    return ConfigKeys.all();
  }

  private static void readFile(
      Path file, Map<String, String> env, Map<ConfigKey, Setting> settings, List<String> errors) {
    Path path = file;
    String origin = ConfigKeys.CONFIG_FILE_FLAG;
    if (path == null) {
      String fromEnv = env.get(ConfigKeys.CONFIG_FILE_ENV);
      if (fromEnv == null || fromEnv.isBlank()) {
        return;
      }
      path = Path.of(fromEnv);
      origin = "environment variable " + ConfigKeys.CONFIG_FILE_ENV;
    }
    for (Map.Entry<String, String> entry : YamlFile.read(path, origin, errors).entrySet()) {
      String name = entry.getKey();
      var key = ConfigKeys.byName(name);
      if (key.isEmpty()) {
        errors.add("unknown key '" + name + "' in file " + path + suggestKey(name));
      } else {
        settings.put(key.get(), new Setting(entry.getValue(), "file " + path));
      }
    }
  }

  private static void readEnv(Map<String, String> env, Map<ConfigKey, Setting> settings, List<String> errors) {
    for (Map.Entry<String, String> entry : new TreeMap<>(env).entrySet()) {
      String name = entry.getKey();
      if (!name.startsWith("AEGIS_") || ConfigKeys.RESERVED_ENV.contains(name)) {
        continue;
      }
      var key = ConfigKeys.byEnvVar(name);
      if (key.isEmpty()) {
        List<String> known = ConfigKeys.all().stream().map(ConfigKey::envVar).toList();
        String hint = Suggestions.closest(name, known)
            .map(envVar -> "; did you mean " + envVar + " (" + ConfigKeys.byEnvVar(envVar).orElseThrow().name() + ")?")
            .orElse("; known variables: " + String.join(", ", known) + ", and the client's "
                + String.join(", ", new java.util.TreeSet<>(ConfigKeys.RESERVED_ENV)));
        errors.add("unknown environment variable " + name + hint);
      } else {
        settings.put(key.get(), new Setting(entry.getValue(), "environment variable " + name));
      }
    }
  }

  private static void readFlags(Map<String, String> flags, Map<ConfigKey, Setting> settings, List<String> errors) {
    for (Map.Entry<String, String> entry : flags.entrySet()) {
      String name = entry.getKey();
      var key = ConfigKeys.byName(name);
      if (key.isEmpty()) {
        errors.add("unknown key '" + name + "' given as a flag" + suggestKey(name));
      } else {
        String flag = key.get().flag() == null ? name : key.get().flag();
        settings.put(key.get(), new Setting(entry.getValue(), "flag " + flag));
      }
    }
  }

  private static String suggestKey(String name) {
    List<String> known = ConfigKeys.all().stream().map(ConfigKey::name).toList();
    return Suggestions.closest(name, known)
        .map(key -> "; did you mean " + key + "?")
        .orElse("; known keys: " + String.join(", ", known));
  }

  private static void throwIfAny(List<String> errors) {
    if (errors.size() == 1) {
      throw new ConfigException(errors.get(0));
    }
    if (!errors.isEmpty()) {
      throw new ConfigException(errors.size() + " configuration problems:\n  - " + String.join("\n  - ", errors));
    }
  }

  private static AegisConfig build(Map<ConfigKey, Object> values) {
    ServerConfig server = new ServerConfig(
        (String) values.get(ConfigKeys.SERVER_HOST),
        (Integer) values.get(ConfigKeys.SERVER_PORT),
        (Duration) values.get(ConfigKeys.SERVER_DRAIN_TIMEOUT));
    StoreConfig store = new StoreConfig(
        (Path) values.get(ConfigKeys.DATA_DIR),
        (String) values.get(ConfigKeys.DATABASE_URL),
        (String) values.get(ConfigKeys.DATABASE_USER),
        (String) values.get(ConfigKeys.DATABASE_PASSWORD),
        (Integer) values.get(ConfigKeys.DATABASE_POOL_SIZE),
        (Duration) values.get(ConfigKeys.DATABASE_BUSY_TIMEOUT));
    return new AegisConfig(
        server,
        new HttpConfig((Long) values.get(ConfigKeys.HTTP_MAX_BODY_BYTES)),
        new AuthConfig((String) values.get(ConfigKeys.ADMIN_KEY)),
        new LogConfig((String) values.get(ConfigKeys.LOG_LEVEL)),
        store,
        new IngestConfig(
            (Integer) values.get(ConfigKeys.INGEST_QUEUE_MAX_SPANS),
            (Integer) values.get(ConfigKeys.INGEST_MAX_BATCH_SPANS),
            (Integer) values.get(ConfigKeys.INGEST_MAX_CONCURRENT_REQUESTS),
            (Duration) values.get(ConfigKeys.INGEST_RETRY_AFTER),
            (Integer) values.get(ConfigKeys.INGEST_RUN_CACHE_SPANS)),
        new TelemetryConfig(
            (Integer) values.get(ConfigKeys.TELEMETRY_RETENTION_DAYS),
            (Duration) values.get(ConfigKeys.TELEMETRY_PURGE_INTERVAL),
            (String) values.get(ConfigKeys.TELEMETRY_REDACTION_KEY)),
        new SecretsConfig((String) values.get(ConfigKeys.MASTER_KEY)),
        new WebhooksConfig(
            (Boolean) values.get(ConfigKeys.WEBHOOKS_ALLOW_PRIVATE_NETWORKS),
            (Integer) values.get(ConfigKeys.WEBHOOKS_MAX_ATTEMPTS),
            (Duration) values.get(ConfigKeys.WEBHOOKS_TIMEOUT),
            (Duration) values.get(ConfigKeys.WEBHOOKS_BACKOFF_BASE),
            (Duration) values.get(ConfigKeys.WEBHOOKS_BACKOFF_MAX)),
        new TaskBudgetsConfig(
            (Duration) values.get(ConfigKeys.TASK_BUDGETS_DEFAULT_WINDOW),
            (Integer) values.get(ConfigKeys.TASK_BUDGETS_DEFAULT_MIN_SAMPLES)),
        new QueryConfig((Integer) values.get(ConfigKeys.QUERY_MAX_TRACE_SPANS)),
        new PolicyConfig(
            (Duration) values.get(ConfigKeys.POLICY_REFRESH_INTERVAL),
            (Double) values.get(ConfigKeys.POLICY_ALLOW_LOG_SAMPLE_RATE),
            (Boolean) values.get(ConfigKeys.POLICY_SHARED_RATE_CAPS)));
  }

  /** A raw value and where it came from, for error messages. */
  private record Setting(String raw, String source) {}
}
