package dev.aegis.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aegis.core.taskbudget.RunSample;
import dev.aegis.core.taskbudget.RunTokens;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Task budgets and the alerts they raise, through the API of a real server; runs are reported to the budget monitor
 * directly (the ingest path is covered by TaskBudgetIngestIT). Run once per database.
 */
abstract class TaskBudgetContract {
  static final String TASK = "document-summarize";
  static final String BUDGETS = "/api/v1/task-budgets";

  @TempDir Path dataDir;
  MutableClock clock = new MutableClock(Instant.parse("2026-11-24T12:00:00.000Z"));
  TestServer api;
  String tenantId;
  String admin;
  String operator;
  String agent;
  private int runs;

  abstract Map<String, String> databaseSettings();

  @BeforeEach
  void startServer() {
    api = TestServer.start(dataDir, databaseSettings(), clock);
    tenantId = api.createTenant("acme");
    admin = api.createKey("acme", "admin", "admin").path("secret").asText();
    operator = api.createKey("acme", "on-call", "operator").path("secret").asText();
    agent = api.createKey("acme", "agent", "agent").path("secret").asText();
  }

  @AfterEach
  void stopServer() {
    api.close();
  }

  @Test
  void putCreatesThenReplacesABudgetAndGetListsAndReadsIt() {
    Response created = api.put(BUDGETS + "/" + TASK, admin, "{\"max_tokens_per_run\": 20000, \"p95_latency_ms\": 2000,"
        + " \"max_error_rate\": 0.05, \"window\": \"30m\", \"min_samples\": 10}");

    assertThat(created.status()).isEqualTo(201);
    assertThat(created.header("Location")).isEqualTo(BUDGETS + "/" + TASK);
    JsonNode budget = created.json();
    assertThat(budget.path("task_type").asText()).isEqualTo(TASK);
    assertThat(budget.path("max_tokens_per_run").asLong()).isEqualTo(20000);
    assertThat(budget.path("p95_latency_ms").asLong()).isEqualTo(2000);
    assertThat(budget.path("max_error_rate").asDouble()).isEqualTo(0.05);
    assertThat(budget.path("window").asText()).isEqualTo("30m");
    assertThat(budget.path("min_samples").asInt()).isEqualTo(10);
    assertThat(budget.path("created_at").asText()).isEqualTo("2026-11-24T12:00:00.000Z");
    assertThat(budget.path("status").toString())
        .isEqualTo("{\"runs\":0,\"errors\":0,\"p95_latency_ms\":null,\"error_rate\":null,\"firing\":[]}");
    assertThat(api.get(BUDGETS + "/" + TASK, operator).json()).isEqualTo(budget);

    clock.advance(Duration.ofMinutes(5));
    Response replaced = api.put(BUDGETS + "/" + TASK, admin, "{\"p95_latency_ms\": 1500}");

    assertThat(replaced.status()).isEqualTo(200);
    assertThat(replaced.header("Location")).isNull();
    JsonNode now = replaced.json();
    assertThat(now.path("max_tokens_per_run").isNull()).isTrue();
    assertThat(now.path("max_error_rate").isNull()).isTrue();
    assertThat(now.path("p95_latency_ms").asLong()).isEqualTo(1500);
    assertThat(now.path("window").asText()).as("the default").isEqualTo("15m");
    assertThat(now.path("min_samples").asInt()).as("the default").isEqualTo(20);
    assertThat(now.path("created_at").asText()).isEqualTo("2026-11-24T12:00:00.000Z");
    assertThat(now.path("updated_at").asText()).isEqualTo("2026-11-24T12:05:00.000Z");
    assertThat(api.get(BUDGETS, admin).json().path("items")).containsExactly(now);
  }

  @Test
  void everyBadValueIsA422ThatNamesItAndStoresNothing() {
    Response bad = api.put(BUDGETS + "/" + TASK, admin, "{\"max_tokens_per_run\": -5, \"p95_latency_ms\": 0,"
        + " \"max_error_rate\": 1.5, \"window\": \"15min\", \"min_samples\": 0, \"threshold\": 3}");

    bad.assertProblem(422, "validation", "6 fields are not valid");
    assertThat(bad.errorLocations()).containsExactlyInAnyOrder(
        "/max_tokens_per_run", "/p95_latency_ms", "/max_error_rate", "/window", "/min_samples", "/threshold");
    assertThat(bad.errorAt("/max_tokens_per_run")).isEqualTo(
        "must be a whole number from 1 to 1000000000000, was -5");
    assertThat(bad.errorAt("/p95_latency_ms")).isEqualTo("must be a whole number from 1 to 86400000, was 0");
    assertThat(bad.errorAt("/max_error_rate")).isEqualTo("must be a number from 0 to 1, was 1.5");
    assertThat(bad.errorAt("/window")).contains("from 1m to 24h", "was \"15min\"");
    assertThat(bad.errorAt("/min_samples")).isEqualTo("must be a whole number from 1 to 10000, was 0");
    assertThat(bad.errorAt("/threshold")).startsWith("unknown field; allowed fields: max_tokens_per_run");

    Response types = api.put(BUDGETS + "/" + TASK, admin,
        "{\"max_tokens_per_run\": \"100\", \"p95_latency_ms\": 1.5, \"max_error_rate\": true, \"window\": 15}");
    types.assertProblem(422, "validation", "4 fields");
    assertThat(types.errorAt("/max_tokens_per_run")).endsWith("was a string");
    assertThat(types.errorAt("/p95_latency_ms")).endsWith("was 1.5");
    assertThat(types.errorAt("/max_error_rate")).endsWith("was a boolean");
    assertThat(types.errorAt("/window")).isEqualTo("must be a string, was a number");

    Response noLimit = api.put(BUDGETS + "/" + TASK, admin, "{\"window\": \"5m\", \"max_error_rate\": null}");
    noLimit.assertProblem(422, "validation", "1 field is not valid");
    assertThat(noLimit.errorAt("")).isEqualTo(
        "set at least one limit: max_tokens_per_run, p95_latency_ms, max_error_rate");
    for (String window : List.of("0m", "25h", "59s", "90", "1h30m", "")) {
      Response w = api.put(BUDGETS + "/" + TASK, admin, "{\"max_error_rate\": 0.1, \"window\": \"" + window + "\"}");
      assertThat(w.errorLocations()).as(window).containsExactly("/window");
    }
    api.put(BUDGETS + "/" + TASK, admin, "{\"max_error_rate\": ").assertProblem(400, "malformed-request", "not valid JSON");
    api.put(BUDGETS + "/" + TASK, admin, "[1]").assertProblem(422, "validation", "JSON object");
    api.send(api.request(BUDGETS + "/" + TASK, admin).header("Content-Type", "text/plain")
            .PUT(java.net.http.HttpRequest.BodyPublishers.ofString("{\"max_error_rate\": 0.1}")))
        .assertProblem(415, "unsupported-media-type", "application/json");
    Response badType = api.put(BUDGETS + "/-not-a-type", admin, "{\"max_error_rate\": 0.1}");
    badType.assertProblem(400, "malformed-request", "task type");
    assertThat(badType.errorAt("task_type")).contains("1 to 128 letters");

    assertThat(api.get(BUDGETS, admin).json().path("items")).isEmpty();
  }

  @Test
  void writingNeedsTheAdminRoleAndReadingOperatorOrAdmin() {
    String body = "{\"max_error_rate\": 0.1}";
    api.put(BUDGETS + "/" + TASK, operator, body).assertProblem(403, "forbidden",
        "Changing task budgets needs a key with the admin role; this key has [operator]");
    api.put(BUDGETS + "/" + TASK, agent, body).assertProblem(403, "forbidden", "admin role");
    api.put(BUDGETS + "/" + TASK, api.adminKey(), body).assertProblem(403, "forbidden", "belongs to no tenant");
    api.put(BUDGETS + "/" + TASK, null, body).assertProblem(401, "unauthenticated", "Authorization");
    api.get(BUDGETS, agent).assertProblem(403, "forbidden", "operator or admin role");
    api.get(BUDGETS + "/" + TASK, agent).assertProblem(403, "forbidden", "operator or admin role");
    assertThat(api.get(BUDGETS, operator).json().path("items")).isEmpty();

    api.put(BUDGETS + "/" + TASK, admin, body);
    api.delete(BUDGETS + "/" + TASK, operator).assertProblem(403, "forbidden", "admin role");
    assertThat(api.get(BUDGETS, operator).json().path("items")).hasSize(1);
  }

  @Test
  void anotherTenantsBudgetsAreNotFoundAndItsOwnAreSeparate() {
    api.put(BUDGETS + "/" + TASK, admin, "{\"max_error_rate\": 0.1}");
    api.createTenant("globex");
    String globex = api.createKey("globex", "admin", "admin").path("secret").asText();

    api.get(BUDGETS + "/" + TASK, globex).assertProblem(404, "not-found", TASK);
    api.delete(BUDGETS + "/" + TASK, globex).assertProblem(404, "not-found", TASK);
    assertThat(api.get(BUDGETS, globex).json().path("items")).isEmpty();
    assertThat(api.put(BUDGETS + "/" + TASK, globex, "{\"max_error_rate\": 0.5}").status()).isEqualTo(201);

    assertThat(api.get(BUDGETS + "/" + TASK, admin).json().path("max_error_rate").asDouble()).isEqualTo(0.1);
  }

  @Test
  void deletingIs204ThenNotFound() {
    api.put(BUDGETS + "/" + TASK, admin, "{\"max_error_rate\": 0.1}");

    assertThat(api.delete(BUDGETS + "/" + TASK, admin).status()).isEqualTo(204);
    api.delete(BUDGETS + "/" + TASK, admin).assertProblem(404, "not-found", "PUT " + BUDGETS + "/" + TASK);
    api.get(BUDGETS + "/" + TASK, admin).assertProblem(404, "not-found", "no task budget");
  }

  @Test
  void budgetsPageByTaskType() {
    List<String> types = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      types.add("task-" + (char) ('e' - i));
      api.put(BUDGETS + "/" + types.get(i), admin, "{\"max_error_rate\": 0.1}");
    }
    JsonNode first = api.get(BUDGETS + "?limit=3", operator).json();
    JsonNode second = api.get(BUDGETS + "?limit=3&cursor=" + first.path("next_cursor").asText(), operator).json();

    List<String> seen = new ArrayList<>();
    first.path("items").forEach(b -> seen.add(b.path("task_type").asText()));
    second.path("items").forEach(b -> seen.add(b.path("task_type").asText()));
    assertThat(seen).containsExactlyElementsOf(types.stream().sorted().toList());
    assertThat(second.path("next_cursor").isNull()).isTrue();
  }

  @Test
  void aSlowWindowFiresAnAlertAndRecoveringResolvesIt() throws Exception {
    api.put(BUDGETS + "/" + TASK, admin, "{\"p95_latency_ms\": 2000, \"min_samples\": 5}");

    finish(TASK, 5, 5000, false);

    JsonNode alerts = api.get("/api/v1/alerts", operator).json().path("items");
    assertThat(alerts).hasSize(1);
    JsonNode fired = alerts.get(0);
    assertThat(fired.path("id").asText()).startsWith("alr_");
    assertThat(fired.path("tenant_id").asText()).isEqualTo(tenantId);
    assertThat(fired.path("kind").asText()).isEqualTo("task_budget.latency_p95");
    assertThat(fired.path("state").asText()).isEqualTo("firing");
    assertThat(fired.path("task_type").asText()).isEqualTo(TASK);
    assertThat(fired.path("run_id").isNull()).isTrue();
    assertThat(fired.path("observed").asLong()).isBetween(4950L, 5000L);
    assertThat(fired.path("threshold").toString()).isEqualTo("2000");
    assertThat(fired.path("window").asText()).isEqualTo("15m");
    assertThat(fired.path("samples").asLong()).isEqualTo(5);
    assertThat(fired.path("message").asText()).contains("p95 latency of document-summarize", "above the budget");
    assertThat(fired.path("created_at").asText()).isEqualTo("2026-11-24T12:00:00.000Z");
    assertThat(fired.path("fired_alert_id").isNull()).isTrue();
    assertThat(fired.path("resolved_by_alert_id").isNull()).isTrue();
    assertThat(api.get("/api/v1/alerts/" + fired.path("id").asText(), admin).json()).isEqualTo(fired);
    JsonNode status = api.get(BUDGETS + "/" + TASK, operator).json().path("status");
    assertThat(status.path("runs").asLong()).isEqualTo(5);
    assertThat(status.path("firing").toString()).isEqualTo("[\"task_budget.latency_p95\"]");

    finish(TASK, 5, 5000, false);
    assertThat(api.get("/api/v1/alerts", operator).json().path("items")).as("no second alert").hasSize(1);

    clock.advance(Duration.ofMinutes(16));
    finish(TASK, 5, 100, false);

    JsonNode both = api.get("/api/v1/alerts", operator).json().path("items");
    assertThat(both).hasSize(2);
    JsonNode resolved = both.get(0);
    assertThat(resolved.path("state").asText()).isEqualTo("resolved");
    assertThat(resolved.path("fired_alert_id").asText()).isEqualTo(fired.path("id").asText());
    assertThat(resolved.path("observed").asLong()).isEqualTo(100);
    assertThat(resolved.path("message").asText()).contains("back within the budget of 2000 ms");
    assertThat(both.get(1).path("resolved_by_alert_id").asText()).isEqualTo(resolved.path("id").asText());

    assertThat(ids("?state=firing")).containsExactly(fired.path("id").asText());
    assertThat(ids("?state=resolved")).containsExactly(resolved.path("id").asText());
    assertThat(ids("?kind=task_budget.error_rate")).isEmpty();
    assertThat(ids("?task_type=" + TASK)).hasSize(2);
    assertThat(ids("?task_type=other")).isEmpty();
    assertThat(ids("?open=true")).isEmpty();
    assertThat(ids("?open=false")).hasSize(2);
    assertThat(ids("?since=2026-11-24T12:10:00Z")).containsExactly(resolved.path("id").asText());
    assertThat(ids("?until=2026-11-24T12:10:00Z")).containsExactly(fired.path("id").asText());
    assertThat(api.get("/metrics", null).body())
        .contains("aegis_alerts_total{kind=\"task_budget.latency_p95\",state=\"firing\"} 1.0")
        .contains("aegis_alerts_total{kind=\"task_budget.latency_p95\",state=\"resolved\"} 1.0");
  }

  @Test
  void aRunOverItsTokenBudgetFiresOnce() throws Exception {
    api.put(BUDGETS + "/" + TASK, admin, "{\"max_tokens_per_run\": 1000}");
    Instant now = clock.instant();

    report(List.of(), List.of(new RunTokens(tenantId, TASK, "run-1", 1500, now)));
    report(List.of(), List.of(new RunTokens(tenantId, TASK, "run-1", 2500, now)));
    report(List.of(new RunSample(tenantId, TASK, "run-1", 10, false, 3000L, now)), List.of());
    report(List.of(new RunSample(tenantId, "other-task", "run-2", 10, false, 9000L, now)), List.of());

    JsonNode alerts = api.get("/api/v1/alerts", operator).json().path("items");
    assertThat(alerts).hasSize(1);
    JsonNode alert = alerts.get(0);
    assertThat(alert.path("kind").asText()).isEqualTo("task_budget.tokens_per_run");
    assertThat(alert.path("run_id").asText()).isEqualTo("run-1");
    assertThat(alert.path("observed").toString()).isEqualTo("1500");
    assertThat(alert.path("threshold").toString()).isEqualTo("1000");
    assertThat(alert.path("window").isNull()).isTrue();
    assertThat(alert.path("message").asText())
        .isEqualTo("Run run-1 of document-summarize used 1500 tokens, over the budget of 1000 per run");
  }

  @Test
  void aChangedBudgetJudgesTheWindowAtOnceAndDeletingItResolves() throws Exception {
    api.put(BUDGETS + "/" + TASK, admin, "{\"max_error_rate\": 0.5, \"min_samples\": 4}");
    finish(TASK, 2, 100, true);
    finish(TASK, 2, 100, false);
    assertThat(api.get("/api/v1/alerts", operator).json().path("items")).isEmpty();

    api.put(BUDGETS + "/" + TASK, admin, "{\"max_error_rate\": 0.25, \"min_samples\": 4}");

    JsonNode fired = api.get("/api/v1/alerts", operator).json().path("items");
    assertThat(fired).singleElement().satisfies(a -> {
      assertThat(a.path("kind").asText()).isEqualTo("task_budget.error_rate");
      assertThat(a.path("observed").asDouble()).isEqualTo(0.5);
      assertThat(a.path("threshold").asDouble()).isEqualTo(0.25);
      assertThat(a.path("message").asText()).contains("50%", "2 of 4 runs failed", "above the budget of 25%");
    });

    api.delete(BUDGETS + "/" + TASK, admin);

    JsonNode after = api.get("/api/v1/alerts", operator).json().path("items");
    assertThat(after).hasSize(2);
    assertThat(after.get(0).path("state").asText()).isEqualTo("resolved");
    assertThat(after.get(0).path("observed").isNull()).isTrue();
    assertThat(after.get(0).path("message").asText()).contains("the task budget was deleted");
  }

  @Test
  void alertsNeedOperatorOrAdminAndStayInTheirTenant() throws Exception {
    api.put(BUDGETS + "/" + TASK, admin, "{\"max_tokens_per_run\": 10}");
    report(List.of(), List.of(new RunTokens(tenantId, TASK, "run-1", 11, clock.instant())));
    String alertId = api.get("/api/v1/alerts", admin).json().path("items").get(0).path("id").asText();
    api.createTenant("globex");
    String globex = api.createKey("globex", "on-call", "operator").path("secret").asText();

    api.get("/api/v1/alerts", agent).assertProblem(403, "forbidden", "Reading alerts needs a key with the operator"
        + " or admin role; this key has [agent]");
    api.get("/api/v1/alerts/" + alertId, agent).assertProblem(403, "forbidden", "operator or admin");
    api.get("/api/v1/alerts", api.adminKey()).assertProblem(403, "forbidden", "belongs to no tenant");
    assertThat(api.get("/api/v1/alerts", globex).json().path("items")).isEmpty();
    api.get("/api/v1/alerts/" + alertId, globex).assertProblem(404, "not-found", alertId);
    api.get("/api/v1/alerts/alr_missing", operator).assertProblem(404, "not-found", "alr_missing");
  }

  @Test
  void badAlertFiltersAreA400ThatNamesEachParameter() {
    Response bad = api.get("/api/v1/alerts?kind=budget&state=open&task_type=a%20b&since=yesterday&open=yes", operator);

    bad.assertProblem(400, "malformed-request", "kind, state, task_type, since, open");
    assertThat(bad.errorAt("kind")).startsWith("unknown kind 'budget'; one of task_budget.tokens_per_run");
    assertThat(bad.errorAt("state")).isEqualTo("must be firing or resolved, was 'open'");
    assertThat(bad.errorAt("since")).contains("RFC 3339");
    assertThat(bad.errorAt("open")).isEqualTo("must be true or false, was 'yes'");
    api.get("/api/v1/alerts?since=2026-11-24T12:00:00Z&until=2026-11-24T11:00:00Z", operator)
        .assertProblem(400, "malformed-request", "until");
    api.get("/api/v1/alerts?limit=0", operator).assertProblem(400, "malformed-request", "limit");
  }

  @Test
  void alertsListNewestFirstAcrossPages() throws Exception {
    api.put(BUDGETS + "/" + TASK, admin, "{\"max_tokens_per_run\": 10}");
    List<RunTokens> over = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      over.add(new RunTokens(tenantId, TASK, "run-" + i, 100 + i, clock.instant()));
    }
    report(List.of(), over);

    List<String> runIds = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      JsonNode page = api.get("/api/v1/alerts?limit=3" + (cursor == null ? "" : "&cursor=" + cursor), operator).json();
      page.path("items").forEach(a -> runIds.add(a.path("run_id").asText()));
      cursor = page.path("next_cursor").isNull() ? null : page.path("next_cursor").asText();
      pages++;
    } while (cursor != null && pages < 10);

    assertThat(pages).isEqualTo(3);
    assertThat(runIds).containsExactly("run-6", "run-5", "run-4", "run-3", "run-2", "run-1", "run-0");
  }

  private List<String> ids(String query) {
    List<String> ids = new ArrayList<>();
    api.get("/api/v1/alerts" + query, operator).json().path("items").forEach(a -> ids.add(a.path("id").asText()));
    return ids;
  }

  /** Reports {@code count} finished runs now, and waits until they were judged and their alerts stored. */
  void finish(String taskType, int count, long durationMillis, boolean error) throws InterruptedException {
    List<RunSample> samples = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      samples.add(new RunSample(tenantId, taskType, "run-" + (++runs), durationMillis, error, null, clock.instant()));
    }
    report(samples, List.of());
  }

  void report(List<RunSample> finished, List<RunTokens> tokens) throws InterruptedException {
    api.server.taskBudgets().observe(finished, tokens);
    assertThat(api.server.taskBudgets().awaitIdle(Duration.ofSeconds(30))).isTrue();
  }

  static Map<String, String> with(Map<String, String> base, String key, String value) {
    Map<String, String> out = new HashMap<>(base);
    out.put(key, value);
    return out;
  }
}
