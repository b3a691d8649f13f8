package dev.aegis.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aegis.core.telemetry.Nanos;
import dev.aegis.core.telemetry.PromptSnapshot;
import dev.aegis.core.telemetry.Span;
import dev.aegis.core.telemetry.TelemetryStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /api/v1/telemetry/settings}: validation, roles, and what the settings change in ingest and retention. */
class TelemetrySettingsIT {
  private static final String PATH = "/api/v1/telemetry/settings";
  private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");

  @TempDir Path dataDir;
  MutableClock clock = new MutableClock(NOW);
  TestServer api;
  String tenantId;
  String adminKey;
  String agentKey;

  @BeforeEach
  void startServer() {
    api = TestServer.start(dataDir, Map.of("telemetry.purge_interval", "0"), clock);
    tenantId = api.createTenant("acme");
    adminKey = api.createKey("acme", "admin", "admin").path("secret").asText();
    agentKey = api.createKey("acme", "agent", "agent").path("secret").asText();
  }

  @AfterEach
  void stopServer() {
    api.close();
  }

  TelemetryStore telemetry() {
    return api.server.store().telemetry();
  }

  @Test
  void aTenantStartsWithTheDefaults() {
    JsonNode settings = api.get(PATH, adminKey).json();

    assertThat(settings.path("tenant_id").asText()).isEqualTo(tenantId);
    assertThat(settings.path("capture_level").asText()).isEqualTo("hash");
    assertThat(settings.path("retention_days").isNull()).isTrue();
    assertThat(settings.path("effective_retention_days").asInt()).isEqualTo(30);
    assertThat(settings.path("redaction").path("patterns")).isEmpty();
    assertThat(settings.path("updated_at").isNull()).isTrue();
  }

  @Test
  void settingsAreReplacedAndReadBack() {
    String body = """
        {"capture_level": "redacted", "retention_days": 7,
         "redaction": {"patterns": [{"name": "employee_id", "regex": "\\\\bE-\\\\d{6}\\\\b"}],
                       "allow": ["order.id"], "deny": ["user.*"]}}
        """;
    Response put = api.put(PATH, adminKey, body);

    assertThat(put.status()).as(put.body()).isEqualTo(200);
    JsonNode read = api.get(PATH, adminKey).json();
    assertThat(read).isEqualTo(put.json());
    assertThat(read.path("capture_level").asText()).isEqualTo("redacted");
    assertThat(read.path("retention_days").asInt()).isEqualTo(7);
    assertThat(read.path("effective_retention_days").asInt()).isEqualTo(7);
    assertThat(read.path("redaction").path("patterns").get(0).path("regex").asText()).isEqualTo("\\bE-\\d{6}\\b");
    assertThat(read.path("updated_at").asText()).isEqualTo("2026-11-24T12:00:00.000Z");
  }

  @Test
  void badSettingsAreUnprocessableNamingEachFieldAndChangeNothing() {
    Response bad = api.put(PATH, adminKey, """
        {"capture_level": "everything", "retention_days": 0, "colour": "red",
         "redaction": {"patterns": [{"name": "x"}], "deny": [5], "extra": true}}
        """);
    bad.assertProblem(422, "validation", "not valid");
    assertThat(bad.errorLocations()).containsExactlyInAnyOrder("/capture_level", "/retention_days", "/colour",
        "/redaction/patterns/0", "/redaction/deny/0", "/redaction/extra");
    assertThat(bad.errorAt("/capture_level")).contains("none, hash, redacted, full");

    Response badRegex = api.put(PATH, adminKey, """
        {"redaction": {"patterns": [{"name": "fine", "regex": "ok-\\\\d+"},
                                    {"name": "employee_id", "regex": "\\\\bE-(\\\\d{6}"}]}}
        """);
    badRegex.assertProblem(422, "validation", "/redaction/patterns/1/regex");
    assertThat(badRegex.errorAt("/redaction/patterns/1/regex"))
        .contains("employee_id").contains("not a valid regular expression");

    Response badGlob = api.put(PATH, adminKey, "{\"redaction\": {\"allow\": [\"has space\"]}}");
    badGlob.assertProblem(422, "validation", "/redaction/allow/0");

    assertThat(api.get(PATH, adminKey).json().path("capture_level").asText()).isEqualTo("hash");
    assertThat(api.get(PATH, adminKey).json().path("updated_at").isNull()).isTrue();
  }

  @Test
  void onlyTheTenantsAdminKeysReachTheSettings() {
    api.get(PATH, agentKey).assertProblem(403, "forbidden", "admin role");
    api.put(PATH, agentKey, "{}").assertProblem(403, "forbidden", "admin role");
    api.get(PATH, api.adminKey()).assertProblem(403, "forbidden", "belong to a tenant");
    api.get(PATH, null).assertProblem(401, "unauthenticated", "Authorization");
  }

  @Test
  void ingestFollowsTheTenantsPatternsListsAndCaptureLevel() {
    api.put(PATH, adminKey, """
        {"capture_level": "redacted",
         "redaction": {"patterns": [{"name": "employee_id", "regex": "\\\\bE-\\\\d{6}\\\\b"}],
                       "allow": ["note.raw"], "deny": ["user.*"]}}
        """).assertStatus(200);
    String trace = Otlp.hex(16);
    var span = Otlp.span(trace, "chat").addAttributes(Otlp.attr("run.id", "run-r"))
        .addAttributes(Otlp.attr("gen_ai.request.model", "gpt-4o"))
        .addAttributes(Otlp.attr("gen_ai.input.messages", "Ticket of E-123456, mail jane.doe@example.com"))
        .addAttributes(Otlp.attr("note", "assigned to E-654321"))
        .addAttributes(Otlp.attr("note.raw", "jane.doe@example.com"))
        .addAttributes(Otlp.attr("user.name", "Jane Doe"))
        .build();
    Otlp.exportProtobuf(api, agentKey, Otlp.request(List.of(span)));

    Span stored = telemetry().spansOfRun(tenantId, "run-r", 10).get(0);
    assertThat(stored.attributes().get("note")).asString().startsWith("assigned to <EMPLOYEE_ID:");
    assertThat(stored.attributes().get("note.raw")).isEqualTo("jane.doe@example.com");
    assertThat(stored.attributes().get("user.name")).asString().startsWith("<REDACTED:");
    PromptSnapshot prompt = telemetry().promptSnapshotsOfRun(tenantId, "run-r", 10).get(0);
    assertThat(prompt.content()).startsWith("Ticket of <EMPLOYEE_ID:").contains("<EMAIL:")
        .doesNotContain("jane").doesNotContain("123456");
    assertThat(prompt.promptHash()).startsWith("sha256:").hasSize(7 + 64);

    api.put(PATH, adminKey, "{\"capture_level\": \"none\"}").assertStatus(200);
    var second = Otlp.span(trace, "chat").addAttributes(Otlp.attr("run.id", "run-n"))
        .addAttributes(Otlp.attr("gen_ai.input.messages", "secret plans")).build();
    Otlp.exportProtobuf(api, agentKey, Otlp.request(List.of(second)));
    Span none = telemetry().spansOfRun(tenantId, "run-n", 10).get(0);
    assertThat(none.attributes().get("gen_ai.input.messages")).isEqualTo("<NOT_CAPTURED>");
    PromptSnapshot nothing = telemetry().promptSnapshotsOfRun(tenantId, "run-n", 10).get(0);
    assertThat(nothing.content()).isNull();
    assertThat(nothing.promptHash()).isNull();
  }

  @Test
  void retentionDeletesRunsOlderThanEachTenantsDays() {
    api.createTenant("other");
    String otherKey = api.createKey("other", "agent", "agent").path("secret").asText();
    api.put(PATH, adminKey, "{\"retention_days\": 7}").assertStatus(200);
    long endedTenDaysAgo = Nanos.of(NOW.minus(Duration.ofDays(10)));
    long endedFiveDaysAgo = Nanos.of(NOW.minus(Duration.ofDays(5)));
    for (String key : List.of(agentKey, otherKey)) {
      Otlp.exportProtobuf(api, key, Otlp.request(List.of(
          Otlp.span(Otlp.hex(16), "old").addAttributes(Otlp.attr("run.id", "run-old"))
              .setStartTimeUnixNano(endedTenDaysAgo - 1_000).setEndTimeUnixNano(endedTenDaysAgo).build(),
          Otlp.span(Otlp.hex(16), "recent").addAttributes(Otlp.attr("run.id", "run-recent"))
              .setStartTimeUnixNano(endedFiveDaysAgo - 1_000).setEndTimeUnixNano(endedFiveDaysAgo).build())));
    }
    String otherId = api.get("/api/v1/tenants/other", api.adminKey()).json().path("id").asText();

    assertThat(api.server.telemetry().purgeExpired()).isEqualTo(1);
    assertThat(telemetry().run(tenantId, "run-old")).isEmpty();
    assertThat(telemetry().spansOfRun(tenantId, "run-old", 10)).isEmpty();
    assertThat(telemetry().run(tenantId, "run-recent")).isPresent();
    assertThat(telemetry().run(otherId, "run-old")).as("the other tenant keeps the default 30 days").isPresent();

    clock.advance(Duration.ofDays(21));
    assertThat(api.server.telemetry().purgeExpired()).isEqualTo(2);
    assertThat(telemetry().run(tenantId, "run-recent")).isEmpty();
    assertThat(telemetry().run(otherId, "run-old")).isEmpty();
    assertThat(telemetry().run(otherId, "run-recent")).isPresent();
  }
}
