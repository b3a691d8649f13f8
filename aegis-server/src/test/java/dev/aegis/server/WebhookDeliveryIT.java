package dev.aegis.server;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import dev.aegis.core.taskbudget.RunTokens;
import dev.aegis.core.webhook.WebhookSignature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** Webhook deliveries across restarts and configuration changes, and what must never leak: on SQLite. */
class WebhookDeliveryIT {
  @TempDir Path dataDir;
  TestServer api;
  String admin;
  String tenantId;
  private int runs;

  @AfterEach
  void stopServer() {
    if (api != null) {
      api.close();
    }
  }

  @Test
  void aPendingDeliverySurvivesARestartAndIsSignedWithTheSameSecret() throws Exception {
    int port = Receiver.freePort(); // nothing listens yet: attempts fail to connect
    start(settings("webhooks.max_attempts", "1000"));
    JsonNode hook = createHook(Receiver.urlAt(port));
    fireAlert();
    JsonNode failing = Await.until(() -> deliveries(hook).get(0), d -> d.path("attempts").asInt() >= 1);
    api.close();

    try (Receiver receiver = Receiver.start(port, 0)) {
      start(settings("webhooks.max_attempts", "1000"));

      JsonNode delivered = Await.until(() -> deliveries(hook).get(0),
          d -> d.path("state").asText().equals("delivered"));
      assertThat(delivered.path("id").asText()).isEqualTo(failing.path("id").asText());
      Receiver.Request request = receiver.requests().get(0);
      assertThat(request.header("Aegis-Delivery-Id")).isEqualTo(delivered.path("id").asText());
      assertThat(WebhookSignature.verify(request.header("Aegis-Signature"), hook.path("secret").asText(),
          request.body(), Instant.now().getEpochSecond(), 300)).isTrue();
      assertThat(delivered.path("history").get(0).path("error").asText()).contains("could not connect");
    }
  }

  @Test
  void internalAddressesAreRefusedWhenCreatedAndAgainWhenDelivered() throws Exception {
    try (Receiver receiver = Receiver.start(0)) {
      start(settings());
      JsonNode hook = createHook(receiver.url());
      api.close();

      start(settings("webhooks.allow_private_networks", "false"));
      for (String url : List.of(receiver.url(), "http://localhost:8080/x", "http://[::1]/x",
          "http://169.254.169.254/latest/meta-data", "https://10.1.2.3/hooks", "http://192.168.0.10/",
          "http://[::ffff:127.0.0.1]/x", "http://100.64.0.1/", "http://0.0.0.0/")) {
        Response refused = api.post("/api/v1/webhooks", admin, "{\"url\": \"" + url + "\", \"events\": [\"alert.fired\"]}");
        refused.assertProblem(422, "validation", "/url");
        assertThat(refused.errorAt("/url")).as(url).contains("an internal address", "webhooks.allow_private_networks");
      }
      assertThat(api.get("/api/v1/webhooks", admin).json().path("items")).as("only the first").hasSize(1);

      fireAlert();

      JsonNode attempted = Await.until(() -> deliveries(hook).get(0), d -> d.path("attempts").asInt() >= 1);
      assertThat(attempted.path("last_error").asText()).startsWith("not sent: the URL is refused: 127.0.0.1")
          .contains("internal address");
      assertThat(attempted.path("last_status").isNull()).isTrue();
      assertThat(receiver.requests()).isEmpty();
    }
  }

  @Test
  void anotherMasterKeyCannotReadTheSecretAndTheDeliveryFailsSayingWhy() throws Exception {
    try (Receiver receiver = Receiver.start(0)) {
      start(settings());
      JsonNode hook = createHook(receiver.url());
      api.close();

      byte[] other = new byte[32];
      new java.security.SecureRandom().nextBytes(other);
      start(settings("master.key", Base64.getEncoder().encodeToString(other)));
      fireAlert();

      JsonNode failed = Await.until(() -> deliveries(hook).get(0), d -> d.path("state").asText().equals("failed"));
      assertThat(failed.path("attempts").asInt()).as("no point in retrying").isEqualTo(1);
      assertThat(failed.path("last_error").asText()).contains("signing secret cannot be read", "master key");
      assertThat(receiver.requests()).isEmpty();
    }
  }

  @Test
  void aReceiverThatDoesNotAnswerInTimeIsAFailedAttempt() throws Exception {
    try (Receiver receiver = Receiver.start(0).stall(1)) {
      start(settings("webhooks.timeout", "300ms", "webhooks.max_attempts", "5"));
      JsonNode hook = createHook(receiver.url());

      fireAlert();

      JsonNode delivered = Await.until(() -> deliveries(hook).get(0),
          d -> d.path("state").asText().equals("delivered"));
      assertThat(delivered.path("history").get(0).path("status").isNull()).isTrue();
      assertThat(delivered.path("history").get(0).path("error").asText()).isEqualTo("no answer within 300 ms");
      assertThat(delivered.path("history").get(1).path("status").asInt()).isEqualTo(204);
    }
  }

  @Test
  void deletingAWebhookCancelsItsPendingDelivery() throws Exception {
    start(settings("webhooks.backoff_base", "1h", "webhooks.backoff_max", "1h"));
    JsonNode hook = createHook(Receiver.urlAt(Receiver.freePort()));
    fireAlert();
    JsonNode waiting = Await.until(() -> deliveries(hook).get(0), d -> d.path("attempts").asInt() == 1);
    assertThat(waiting.path("state").asText()).isEqualTo("pending");

    assertThat(api.delete("/api/v1/webhooks/" + hook.path("id").asText(), admin).status()).isEqualTo(204);

    var delivery = api.server.store().webhooks().findDelivery(waiting.path("id").asText()).orElseThrow();
    assertThat(delivery.state().wireName()).isEqualTo("cancelled");
    assertThat(delivery.nextAttemptAt()).isNull();
    assertThat(api.server.store().webhooks().findForDelivery(hook.path("id").asText()).orElseThrow().sealedSecret())
        .as("a deleted webhook's secret is forgotten").isNull();
  }

  @Test
  void theSigningSecretIsNeverLoggedNorStoredInClear() throws Exception {
    ListAppender<ILoggingEvent> log = new ListAppender<>();
    Logger root = ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    log.start();
    root.addAppender(log);
    String secret;
    try (Receiver receiver = Receiver.start(1)) {
      start(settings("log.level", "debug"));
      JsonNode hook = createHook(receiver.url());
      secret = hook.path("secret").asText();
      fireAlert();
      Await.until(() -> deliveries(hook).get(0), d -> d.path("state").asText().equals("delivered"));
      List<String> shown = new ArrayList<>();
      shown.add(api.get("/api/v1/webhooks", admin).body());
      shown.add(api.get("/api/v1/webhooks/" + hook.path("id").asText(), admin).body());
      shown.add(api.get("/api/v1/webhooks/" + hook.path("id").asText() + "/deliveries", admin).body());
      shown.add(api.get("/api/v1/alerts", admin).body());
      assertThat(shown).allSatisfy(body -> assertThat(body).doesNotContain(secret));
      api.close();
      api = null;
    } finally {
      root.detachAppender(log);
    }

    assertThat(log.list).as("something was logged at debug").hasSizeGreaterThan(10);
    for (ILoggingEvent event : log.list) {
      assertThat(event.getFormattedMessage()).doesNotContain(secret).doesNotContain(secret.substring(6));
      for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
        assertThat(String.valueOf(t.getMessage())).doesNotContain(secret);
      }
    }
    byte[] needle = secret.substring(6).getBytes(StandardCharsets.UTF_8);
    try (Stream<Path> files = Files.list(dataDir)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        assertThat(contains(Files.readAllBytes(file), needle)).as("%s holds the secret", file.getFileName()).isFalse();
      }
    }
  }

  @Test
  void theMasterKeyFileIsMadeOnceReadableOnlyByItsOwnerAndReused() throws IOException {
    start(settings());
    Path file = dataDir.resolve("master.key");
    String first = Files.readString(file);
    assertThat(Base64.getDecoder().decode(first.strip())).hasSize(32);
    assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    api.close();

    start(settings());
    assertThat(Files.readString(file)).isEqualTo(first);
  }

  private static boolean contains(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  private static Map<String, String> settings(String... pairs) {
    Map<String, String> settings = new HashMap<>(WebhookContract.fastRetries());
    for (int i = 0; i < pairs.length; i += 2) {
      settings.put(pairs[i], pairs[i + 1]);
    }
    return settings;
  }

  private void start(Map<String, String> settings) {
    api = TestServer.start(dataDir, settings);
    if (tenantId == null) {
      tenantId = api.createTenant("acme");
      admin = api.createKey("acme", "admin", "admin").path("secret").asText();
      api.put("/api/v1/task-budgets/summarize", admin, "{\"max_tokens_per_run\": 10}");
    }
  }

  private JsonNode createHook(String url) {
    Response created = api.post("/api/v1/webhooks", admin, "{\"url\": \"" + url + "\", \"events\": [\"alert.fired\"]}");
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return created.json();
  }

  private List<JsonNode> deliveries(JsonNode hook) {
    List<JsonNode> out = new ArrayList<>();
    api.get("/api/v1/webhooks/" + hook.path("id").asText() + "/deliveries", admin).json().path("items")
        .forEach(out::add);
    return out;
  }

  private void fireAlert() throws InterruptedException {
    api.server.taskBudgets().observe(List.of(),
        List.of(new RunTokens(tenantId, "summarize", "run-" + (++runs), 50, Instant.now())));
    assertThat(api.server.taskBudgets().awaitIdle(Duration.ofSeconds(30))).isTrue();
  }
}
