package dev.aegis.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aegis.core.taskbudget.RunTokens;
import dev.aegis.core.webhook.WebhookSignature;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Webhooks through the API of a real server, delivering to a real receiver on loopback that checks signatures and
 * can fail on purpose. Run once per database.
 */
abstract class WebhookContract {
  static final String HOOKS = "/api/v1/webhooks";

  @TempDir Path dataDir;
  TestServer api;
  String tenantId;
  String admin;
  String operator;
  private int runs;

  abstract Map<String, String> databaseSettings();

  /** Loopback receivers need private networks allowed; retries are quick so tests do not wait long. */
  static Map<String, String> fastRetries() {
    return Map.of(
        "webhooks.allow_private_networks", "true",
        "webhooks.backoff_base", "20ms",
        "webhooks.backoff_max", "100ms",
        "webhooks.max_attempts", "3",
        "webhooks.timeout", "5s");
  }

  @BeforeEach
  void startServer() {
    Map<String, String> settings = new HashMap<>(databaseSettings());
    settings.putAll(fastRetries());
    api = TestServer.start(dataDir, settings);
    tenantId = api.createTenant("acme");
    admin = api.createKey("acme", "admin", "admin").path("secret").asText();
    operator = api.createKey("acme", "on-call", "operator").path("secret").asText();
    api.put("/api/v1/task-budgets/summarize", admin, "{\"max_tokens_per_run\": 10}");
  }

  @AfterEach
  void stopServer() {
    api.close();
  }

  @Test
  void theSigningSecretIsShownOnceAndNeverAgain() {
    Response created = api.post(HOOKS, admin,
        "{\"url\": \"https://hooks.example.com/aegis?team=ops\", \"events\": [\"alert.fired\", \"alert.resolved\"],"
            + " \"description\": \"pager\"}");

    assertThat(created.status()).isEqualTo(201);
    JsonNode hook = created.json();
    String id = hook.path("id").asText();
    String secret = hook.path("secret").asText();
    assertThat(id).startsWith("whk_");
    assertThat(secret).matches("whsec_[A-Za-z0-9_-]{43}");
    assertThat(created.header("Location")).isEqualTo(HOOKS + "/" + id);
    assertThat(hook.path("tenant_id").asText()).isEqualTo(tenantId);
    assertThat(hook.path("url").asText()).isEqualTo("https://hooks.example.com/aegis?team=ops");
    assertThat(hook.path("events").toString()).isEqualTo("[\"alert.fired\",\"alert.resolved\"]");
    assertThat(hook.path("description").asText()).isEqualTo("pager");

    Response one = api.get(HOOKS + "/" + id, admin);
    Response list = api.get(HOOKS, admin);
    assertThat(one.json().has("secret")).isFalse();
    assertThat(list.json().path("items")).hasSize(1);
    for (Response shown : List.of(one, list, api.get(HOOKS + "/" + id + "/deliveries", admin))) {
      assertThat(shown.body()).doesNotContain(secret).doesNotContain("secret").doesNotContain("sb1:");
    }

    assertThat(api.delete(HOOKS + "/" + id, admin).status()).isEqualTo(204);
    api.get(HOOKS + "/" + id, admin).assertProblem(404, "not-found", id);
    assertThat(api.get(HOOKS, admin).json().path("items")).isEmpty();
    assertThat(api.delete(HOOKS + "/" + id, admin).status()).as("deleting again").isEqualTo(204);
    api.delete(HOOKS + "/whk_missing", admin).assertProblem(404, "not-found", "whk_missing");
  }

  @Test
  void everyBadFieldIsA422ThatNamesItAndStoresNothing() {
    Response bad = api.post(HOOKS, admin, "{\"url\": \"ftp://hooks.example.com/x\", \"events\": [\"alert.fired\","
        + " \"alert.fired\", \"run.started\", 3], \"description\": \"" + "d".repeat(201) + "\", \"secret\": \"x\"}");

    bad.assertProblem(422, "validation", "6 fields are not valid");
    assertThat(bad.errorLocations()).containsExactlyInAnyOrder(
        "/url", "/events/1", "/events/2", "/events/3", "/description", "/secret");
    assertThat(bad.errorAt("/url")).isEqualTo("must be an http or https URL, such as https://hooks.example.com/aegis");
    assertThat(bad.errorAt("/events/1")).isEqualTo("repeats 'alert.fired'; name each event once");
    assertThat(bad.errorAt("/events/2")).isEqualTo("unknown event 'run.started'; one of alert.fired, alert.resolved");
    assertThat(bad.errorAt("/events/3")).contains("must be an event name");
    assertThat(bad.errorAt("/description")).isEqualTo("must be at most 200 characters");

    Map<String, String> urls = Map.of(
        "not a url", "not a valid URL",
        "/relative/path", "http or https",
        "https://user:pw@hooks.example.com/x", "user name or password",
        "https://hooks.example.com/x#frag", "#fragment",
        "https:///nohost", "host",
        "", "must not be empty");
    urls.forEach((url, problem) -> {
      Response r = api.post(HOOKS, admin, "{\"url\": \"" + url + "\", \"events\": [\"alert.fired\"]}");
      assertThat(r.errorAt("/url")).as(url).contains(problem);
    });
    Response missing = api.post(HOOKS, admin, "{\"events\": []}");
    assertThat(missing.errorAt("/url")).isEqualTo("is required");
    assertThat(missing.errorAt("/events")).startsWith("must name at least one event");
    assertThat(api.post(HOOKS, admin, "{\"url\": \"https://x.example.com\", \"events\": [\"alert.fired\"],"
        + " \"description\": \"a\\u0007b\"}").errorAt("/description")).contains("control characters");
    api.post(HOOKS, admin, "{\"url\": ").assertProblem(400, "malformed-request", "not valid JSON");

    assertThat(api.get(HOOKS, admin).json().path("items")).isEmpty();
  }

  @Test
  void onlyATenantAdminManagesWebhooksAndOnlyItsOwn() {
    String id = api.post(HOOKS, admin, "{\"url\": \"https://hooks.example.com/a\", \"events\": [\"alert.fired\"]}")
        .json().path("id").asText();
    api.createTenant("globex");
    String globex = api.createKey("globex", "admin", "admin").path("secret").asText();
    String body = "{\"url\": \"https://hooks.example.com/b\", \"events\": [\"alert.fired\"]}";

    api.post(HOOKS, operator, body).assertProblem(403, "forbidden", "Creating webhooks needs a key with the admin role");
    api.get(HOOKS, operator).assertProblem(403, "forbidden", "admin role");
    api.get(HOOKS + "/" + id + "/deliveries", operator).assertProblem(403, "forbidden", "admin role");
    api.post(HOOKS, api.adminKey(), body).assertProblem(403, "forbidden", "belongs to no tenant");
    api.get(HOOKS, null).assertProblem(401, "unauthenticated", "Authorization");

    api.get(HOOKS + "/" + id, globex).assertProblem(404, "not-found", id);
    api.delete(HOOKS + "/" + id, globex).assertProblem(404, "not-found", id);
    api.get(HOOKS + "/" + id + "/deliveries", globex).assertProblem(404, "not-found", id);
    assertThat(api.get(HOOKS, globex).json().path("items")).isEmpty();
    assertThat(api.get(HOOKS, admin).json().path("items")).hasSize(1);
  }

  @Test
  void aDeliveryIsSignedSoThatTheReceiverCanTellItCameFromAegis() throws Exception {
    try (Receiver receiver = Receiver.start(0)) {
      JsonNode hook = createHook(receiver.url(), "alert.fired", "alert.resolved");
      String secret = hook.path("secret").asText();

      String alertId = fireAlert();

      Receiver.Request request = Await.until(receiver::requests, r -> !r.isEmpty()).get(0);
      long now = Instant.now().getEpochSecond();
      assertThat(WebhookSignature.verify(request.header("Aegis-Signature"), secret, request.body(), now, 300)).isTrue();
      byte[] tampered = request.text().replace("\"alert.fired\"", "\"alert.resolved\"").getBytes(StandardCharsets.UTF_8);
      assertThat(WebhookSignature.verify(request.header("Aegis-Signature"), secret, tampered, now, 300)).isFalse();
      assertThat(WebhookSignature.verify(request.header("Aegis-Signature"), "whsec_other", request.body(), now, 300))
          .isFalse();
      assertThat(request.header("Aegis-Signature")).matches("t=\\d+,v1=[0-9a-f]{64}");
      assertThat(request.header("Aegis-Webhook-Id")).isEqualTo(hook.path("id").asText());
      assertThat(request.header("Aegis-Event")).isEqualTo("alert.fired");
      assertThat(request.header("Aegis-Delivery-Id")).startsWith("dlv_");
      assertThat(request.header("Content-Type")).isEqualTo("application/json");

      JsonNode payload = new com.fasterxml.jackson.databind.ObjectMapper().readTree(request.body());
      assertThat(payload.path("type").asText()).isEqualTo("alert.fired");
      assertThat(payload.path("tenant_id").asText()).isEqualTo(tenantId);
      assertThat(payload.path("data").path("alert")).isEqualTo(api.get("/api/v1/alerts/" + alertId, admin).json());

      JsonNode delivery = Await.until(() -> deliveries(hook).get(0),
          d -> d.path("state").asText().equals("delivered"));
      assertThat(delivery.path("id").asText()).isEqualTo(request.header("Aegis-Delivery-Id"));
      assertThat(delivery.path("event").asText()).isEqualTo("alert.fired");
      assertThat(delivery.path("attempts").asInt()).isEqualTo(1);
      assertThat(delivery.path("last_status").asInt()).isEqualTo(204);
      assertThat(delivery.path("next_attempt_at").isNull()).isTrue();
      assertThat(delivery.path("payload")).isEqualTo(payload);
      assertThat(delivery.path("history")).singleElement().satisfies(a -> {
        assertThat(a.path("attempt").asInt()).isEqualTo(1);
        assertThat(a.path("status").asInt()).isEqualTo(204);
        assertThat(a.path("error").isNull()).isTrue();
      });
      assertThat(receiver.requests()).hasSize(1);
    }
  }

  @Test
  void aFailingReceiverIsRetriedWithBackoffUntilItAnswers() throws Exception {
    try (Receiver receiver = Receiver.start(2)) {
      JsonNode hook = createHook(receiver.url(), "alert.fired");

      fireAlert();

      JsonNode delivery = Await.until(() -> deliveries(hook).get(0),
          d -> d.path("state").asText().equals("delivered"));
      assertThat(delivery.path("attempts").asInt()).isEqualTo(3);
      assertThat(delivery.path("last_error").isNull()).isTrue();
      assertThat(delivery.path("history").findValuesAsText("status")).containsExactly("500", "500", "204");
      assertThat(delivery.path("history").get(0).path("error").asText()).isEqualTo("the receiver answered HTTP 500");
      List<Receiver.Request> requests = receiver.requests();
      assertThat(requests).hasSize(3).extracting(r -> r.header("Aegis-Delivery-Id")).containsOnly(
          delivery.path("id").asText());
      assertThat(requests).extracting(Receiver.Request::text).as("the same body each time").containsOnly(
          requests.get(0).text());
      assertThat(api.get("/metrics", null).body())
          .contains("aegis_webhook_deliveries_total{outcome=\"retry\"} 2.0")
          .contains("aegis_webhook_deliveries_total{outcome=\"delivered\"} 1.0");
    }
  }

  @Test
  void aDeliveryFailsForGoodAfterTheLastAttempt() throws Exception {
    try (Receiver receiver = Receiver.start(1_000)) {
      JsonNode hook = createHook(receiver.url(), "alert.fired");

      fireAlert();

      JsonNode delivery = Await.until(() -> deliveries(hook).get(0), d -> d.path("state").asText().equals("failed"));
      assertThat(delivery.path("attempts").asInt()).isEqualTo(3);
      assertThat(delivery.path("last_status").asInt()).isEqualTo(500);
      assertThat(delivery.path("last_error").asText()).isEqualTo("the receiver answered HTTP 500");
      assertThat(delivery.path("next_attempt_at").isNull()).isTrue();
      assertThat(delivery.path("history")).hasSize(3);
      Thread.sleep(300); // longer than any backoff step: a failed delivery is not tried again
      assertThat(receiver.requests()).hasSize(3);
      assertThat(api.get("/metrics", null).body()).contains("aegis_webhook_deliveries_total{outcome=\"failed\"} 1.0");
    }
  }

  @Test
  void onlySubscribedWebhooksOfTheTenantReceiveAnEvent() throws Exception {
    try (Receiver fired = Receiver.start(0); Receiver resolvedOnly = Receiver.start(0);
        Receiver otherTenant = Receiver.start(0)) {
      JsonNode hook = createHook(fired.url(), "alert.fired");
      JsonNode quiet = createHook(resolvedOnly.url(), "alert.resolved");
      api.createTenant("globex");
      String globex = api.createKey("globex", "admin", "admin").path("secret").asText();
      api.post(HOOKS, globex, "{\"url\": \"" + otherTenant.url() + "\", \"events\": [\"alert.fired\"]}");

      fireAlert();

      Await.until(() -> deliveries(hook), d -> d.size() == 1 && d.get(0).path("state").asText().equals("delivered"));
      assertThat(deliveries(quiet)).isEmpty();
      assertThat(resolvedOnly.requests()).isEmpty();
      assertThat(otherTenant.requests()).isEmpty();
    }
  }

  JsonNode createHook(String url, String... events) {
    String list = String.join(", ", java.util.Arrays.stream(events).map(e -> "\"" + e + "\"").toList());
    Response created = api.post(HOOKS, admin, "{\"url\": \"" + url + "\", \"events\": [" + list + "]}");
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return created.json();
  }

  List<JsonNode> deliveries(JsonNode hook) {
    Response page = api.get(HOOKS + "/" + hook.path("id").asText() + "/deliveries", admin);
    assertThat(page.status()).as(page.body()).isEqualTo(200);
    List<JsonNode> out = new java.util.ArrayList<>();
    page.json().path("items").forEach(out::add);
    return out;
  }

  /** Reports a run over its token budget and returns the id of the alert it raised. */
  String fireAlert() throws InterruptedException {
    String runId = "run-" + (++runs);
    api.server.taskBudgets().observe(List.of(), List.of(new RunTokens(tenantId, "summarize", runId, 50, Instant.now())));
    assertThat(api.server.taskBudgets().awaitIdle(Duration.ofSeconds(30))).isTrue();
    JsonNode alert = api.get("/api/v1/alerts", admin).json().path("items").get(0);
    assertThat(alert.path("run_id").asText()).isEqualTo(runId);
    return alert.path("id").asText();
  }
}
