package dev.aegis.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  @TempDir Path dir;

  private Path yaml(String text) throws IOException {
    return Files.writeString(dir.resolve("aegis.yaml"), text);
  }

  @Test
  void defaultsMatchTheDocumentedOnes() {
    AegisConfig config = ConfigLoader.load(null, Map.of(), Map.of());

    assertThat(config.server()).isEqualTo(new ServerConfig("127.0.0.1", 4318, Duration.ofSeconds(30)));
    assertThat(config.http().maxBodyBytes()).isEqualTo(4_194_304L);
    assertThat(config.auth().adminKey()).isNull();
    assertThat(config.log().level()).isEqualTo("info");
    assertThat(config.store().dataDir()).isEqualTo(Path.of("./aegis-data"));
    assertThat(config.store().url()).isNull();
    assertThat(config.store().user()).isNull();
    assertThat(config.store().password()).isNull();
    assertThat(config.store().poolSize()).isEqualTo(10);
    assertThat(config.store().busyTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(AegisConfig.defaults()).isEqualTo(config);
  }

  @Test
  void flagsBeatEnvWhichBeatsTheFileWhichBeatsDefaults() throws IOException {
    Path file = yaml("""
        server:
          host: 0.0.0.0
          port: 1111
          drain_timeout: 2m
        http.max_body_bytes: 2048
        log: {level: debug}
        """);
    Map<String, String> env = Map.of("AEGIS_SERVER_PORT", "2222", "AEGIS_LOG_LEVEL", "warn", "PATH", "/usr/bin");
    Map<String, String> flags = Map.of("server.port", "3333");

    AegisConfig config = ConfigLoader.load(file, env, flags);

    assertThat(config.server().port()).isEqualTo(3333);
    assertThat(config.server().host()).isEqualTo("0.0.0.0");
    assertThat(config.server().drainTimeout()).isEqualTo(Duration.ofMinutes(2));
    assertThat(config.http().maxBodyBytes()).isEqualTo(2048);
    assertThat(config.log().level()).isEqualTo("warn");
    assertThat(config.store().poolSize()).isEqualTo(10);
  }

  @Test
  void aegisConfigEnvNamesTheFileWhenNoPathIsGiven() throws IOException {
    Path file = yaml("database:\n  url: jdbc:postgresql://db:5432/aegis\n  pool_size: 4\n");

    AegisConfig config = ConfigLoader.load(null, Map.of("AEGIS_CONFIG", file.toString()), Map.of());

    assertThat(config.store().url()).isEqualTo("jdbc:postgresql://db:5432/aegis");
    assertThat(config.store().poolSize()).isEqualTo(4);
  }

  @Test
  void reservedClientVariablesAreNotConfigurationErrors() {
    Map<String, String> env = Map.of("AEGIS_URL", "http://x", "AEGIS_KEY", "k", "AEGIS_JAVA_OPTS", "-Xmx1g",
        "AEGIS_HOME", "/opt/aegis");

    assertThat(ConfigLoader.load(null, env, Map.of()).server().port()).isEqualTo(4318);
  }

  @Test
  void emptyValueMeansTheDefault() throws IOException {
    Path file = yaml("server: {port: 9999}\ndatabase: {url: 'jdbc:postgresql://db/aegis'}\n");

    AegisConfig config = ConfigLoader.load(file, Map.of("AEGIS_SERVER_PORT", "", "AEGIS_DATABASE_URL", ""), Map.of());

    assertThat(config.server().port()).isEqualTo(4318);
    assertThat(config.store().url()).isNull();
  }

  @Test
  void unknownKeyInTheFileIsNamedWithItsFileAndASuggestion() throws IOException {
    Path file = yaml("server:\n  prot: 8080\n");

    assertThatThrownBy(() -> ConfigLoader.load(file, Map.of(), Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessage("unknown key 'server.prot' in file " + file + "; did you mean server.port?");
  }

  @Test
  void unknownKeyWithoutACloseMatchListsTheKnownKeys() throws IOException {
    Path file = yaml("telemetry:\n  sampling: 0.5\n");

    assertThatThrownBy(() -> ConfigLoader.load(file, Map.of(), Map.of()))
        .hasMessageStartingWith("unknown key 'telemetry.sampling' in file " + file + "; known keys: server.host,")
        .hasMessageContaining("log.level");
  }

  @Test
  void bareLastSegmentSuggestsTheFullKey() throws IOException {
    Path file = yaml("port: 8080\n");

    assertThatThrownBy(() -> ConfigLoader.load(file, Map.of(), Map.of()))
        .hasMessageContaining("unknown key 'port'")
        .hasMessageContaining("did you mean server.port?");
  }

  @Test
  void unknownEnvVarIsNamedWithASuggestion() {
    assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("AEGIS_SERVER_PROT", "8080"), Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessage("unknown environment variable AEGIS_SERVER_PROT; did you mean AEGIS_SERVER_PORT (server.port)?");
  }

  @Test
  void badValuesNameTheKeySourceAndWhatIsValid() throws IOException {
    assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("AEGIS_SERVER_PORT", "70000"), Map.of()))
        .hasMessage("server.port = \"70000\" (from environment variable AEGIS_SERVER_PORT) is not valid: "
            + "must be a whole number from 0 to 65535 (0 picks a free port)");
    assertThatThrownBy(() -> ConfigLoader.load(null, Map.of(), Map.of("server.port", "http")))
        .hasMessageContaining("server.port = \"http\" (from flag --port) is not valid");
    assertThatThrownBy(() -> ConfigLoader.load(null, Map.of(), Map.of("http.max_body_bytes", "-5")))
        .hasMessageContaining("http.max_body_bytes = \"-5\" (from flag http.max_body_bytes)")
        .hasMessageContaining("greater than 0");
    Path file = yaml("server:\n  drain_timeout: 30x\n");
    assertThatThrownBy(() -> ConfigLoader.load(file, Map.of(), Map.of()))
        .hasMessage("server.drain_timeout = \"30x\" (from file " + file + ") is not valid: "
            + "must be a duration such as 500ms, 30s, 5m or 1h");
    assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("AEGIS_DATABASE_URL", "mysql://db"), Map.of()))
        .hasMessageContaining("database.url")
        .hasMessageContaining("jdbc:postgresql:");
    assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("AEGIS_LOG_LEVEL", "loud"), Map.of()))
        .hasMessageContaining("one of trace, debug, info, warn, error");
  }

  @Test
  void shortAdminKeyIsRejectedWithoutEchoingIt() {
    assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("AEGIS_ADMIN_KEY", "tooshort123"), Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessage("admin.key (from environment variable AEGIS_ADMIN_KEY) is not valid: "
            + "must be at least 16 characters without spaces, or empty to generate one")
        .message()
        .doesNotContain("tooshort123");
  }

  @Test
  void everyProblemIsReportedAtOnce() {
    assertThatThrownBy(() -> ConfigLoader.load(null,
            Map.of("AEGIS_SERVER_PORT", "x", "AEGIS_DATABASE_POOL_SIZE", "0"), Map.of()))
        .hasMessageStartingWith("2 configuration problems:")
        .hasMessageContaining("server.port")
        .hasMessageContaining("database.pool_size");
  }

  @Test
  void missingOrBrokenFileIsAConfigError() throws IOException {
    Path missing = dir.resolve("nope.yaml");
    assertThatThrownBy(() -> ConfigLoader.load(missing, Map.of(), Map.of()))
        .hasMessage("config file " + missing + " (from --config) does not exist; fix the path or remove --config");
    assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("AEGIS_CONFIG", missing.toString()), Map.of()))
        .hasMessageContaining("(from environment variable AEGIS_CONFIG) does not exist");
    Path broken = yaml("server: [port\n");
    assertThatThrownBy(() -> ConfigLoader.load(broken, Map.of(), Map.of()))
        .hasMessageContaining("is not valid YAML");
    Path list = Files.writeString(dir.resolve("list.yaml"), "server:\n  port: [1, 2]\n");
    assertThatThrownBy(() -> ConfigLoader.load(list, Map.of(), Map.of()))
        .hasMessage("server.port in file " + list + " must be a single value, not a list");
  }

  @Test
  void secretsNeverAppearInToString() {
    String adminKey = "admin-key-that-is-secret-1234";
    String password = "db-password-that-is-secret";

    AegisConfig config = ConfigLoader.load(null,
        Map.of("AEGIS_ADMIN_KEY", adminKey, "AEGIS_DATABASE_PASSWORD", password), Map.of());

    assertThat(config.auth().adminKey()).isEqualTo(adminKey);
    assertThat(config.store().password()).isEqualTo(password);
    assertThat(config.toString()).doesNotContain(adminKey).doesNotContain(password);
    assertThat(config.auth().toString()).doesNotContain(adminKey);
  }

  @Test
  void durationsAcceptUnitsAndIsoForm() {
    assertThat(ValueType.DURATION.parse("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(ValueType.DURATION.parse("2h")).isEqualTo(Duration.ofHours(2));
    assertThat(ValueType.DURATION.parse("PT1M30S")).isEqualTo(Duration.ofSeconds(90));
    assertThat(ValueType.DURATION.parse("0")).isEqualTo(Duration.ZERO);
    assertThatThrownBy(() -> ValueType.DURATION.parse("30")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ValueType.DURATION.parse("-PT1S")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void envVarNamesFollowTheKeyNames() {
    assertThat(ConfigKeys.DATABASE_URL.envVar()).isEqualTo("AEGIS_DATABASE_URL");
    assertThat(ConfigKeys.ADMIN_KEY.envVar()).isEqualTo("AEGIS_ADMIN_KEY");
    assertThat(ConfigKeys.SERVER_DRAIN_TIMEOUT.envVar()).isEqualTo("AEGIS_SERVER_DRAIN_TIMEOUT");
  }
}
