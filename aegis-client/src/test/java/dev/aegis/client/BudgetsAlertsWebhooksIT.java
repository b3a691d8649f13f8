package dev.aegis.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.sun.net.httpserver.HttpServer;
import dev.aegis.server.AegisServer;
import dev.aegis.server.config.ConfigLoader;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Task budgets, alerts and webhooks through the SDK against a real server with a real SQLite file; runs arrive over
 * OTLP, and webhooks deliver to a real receiver on loopback.
 */
@Timeout(120)
class BudgetsAlertsWebhooksIT {
  private static final AtomicInteger NAMES = new AtomicInteger();

  @TempDir static Path dataDir;

  private static AegisServer server;
  private static AegisClient system;
  private static HttpServer receiver;
  private static final List<String> received = new CopyOnWriteArrayList<>();

  /** Each test has its own tenant: an admin-and-operator key, and an agent key that sends runs. */
  private AegisClient admin;
  private String agentKey;

  @BeforeAll
  static void start() throws IOException {
    server =
        AegisServer.start(
            ConfigLoader.load(
                null,
                Map.of(),
                Map.of(
                    "server.port", "0",
                    "data.dir", dataDir.toString(),
                    "log.level", "warn",
                    "webhooks.allow_private_networks", "true")));
    system = AegisClient.builder().baseUrl(server.baseUri()).apiKey(server.adminKey()).build();
    receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    receiver.createContext("/", exchange -> {
      try (InputStream in = exchange.getRequestBody()) {
        received.add(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
      }
      exchange.sendResponseHeaders(204, -1);
      exchange.close();
    });
    receiver.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    receiver.start();
  }

  @AfterAll
  static void stop() {
    if (receiver != null) {
      receiver.stop(0);
    }
    if (system != null) {
      system.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @BeforeEach
  void newTenant() {
    String tenant = "t-" + NAMES.incrementAndGet();
    system.tenants().create(tenant);
    admin = system.withApiKey(system.keys().create(tenant, "boss", Role.ADMIN, Role.OPERATOR).secret());
    agentKey = system.keys().create(tenant, "bot", Role.AGENT).secret();
  }

  private static AegisApiException problem(Supplier<?> call) {
    return catchThrowableOfType(AegisApiException.class, call::get);
  }

  private static String receiverUrl() {
    return "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks/aegis";
  }

  private void runs(String taskType, int count, long durationMillis, long tokens) {
    for (int i = 0; i < count; i++) {
      AgentTraffic.run(server.baseUri(), agentKey, "run-" + NAMES.incrementAndGet(), taskType, durationMillis, tokens);
    }
  }

  @Test
  void putsReadsReplacesListsAndDeletesTaskBudgets() {
    TaskBudget created =
        admin.taskBudgets().put("summarize", TaskBudgetSpec.limits().withMaxTokensPerRun(20_000)
            .withP95LatencyMs(2000).withMaxErrorRate(0.05).withWindow("30m").withMinSamples(5));

    assertThat(created.taskType()).isEqualTo("summarize");
    assertThat(created.maxTokensPerRun()).isEqualTo(20_000L);
    assertThat(created.p95LatencyMs()).isEqualTo(2000L);
    assertThat(created.maxErrorRate()).isEqualTo(0.05);
    assertThat(created.window()).isEqualTo("30m");
    assertThat(created.minSamples()).isEqualTo(5);
    assertThat(created.createdAt()).isNotNull();
    TaskBudget read = admin.taskBudgets().get("summarize");
    assertThat(read.status().runs()).isZero();
    assertThat(read.status().p95LatencyMs()).isNull();
    assertThat(read.status().firing()).isEmpty();

    TaskBudget replaced = admin.taskBudgets().put("summarize", TaskBudgetSpec.limits().withP95LatencyMs(900));
    assertThat(replaced.maxTokensPerRun()).as("a put replaces the whole budget").isNull();
    assertThat(replaced.maxErrorRate()).isNull();
    assertThat(replaced.window()).isEqualTo("15m");
    assertThat(replaced.minSamples()).isEqualTo(20);

    admin.taskBudgets().put("classify", TaskBudgetSpec.limits().withMaxErrorRate(0.1));
    admin.taskBudgets().put("answer", TaskBudgetSpec.limits().withMaxErrorRate(0));
    Page<TaskBudget> first = admin.taskBudgets().list(PageQuery.first(2));
    assertThat(first.items()).extracting(TaskBudget::taskType).containsExactly("answer", "classify");
    assertThat(first.hasMore()).isTrue();
    Page<TaskBudget> second = admin.taskBudgets().list(PageQuery.first(2).after(first.nextCursor()));
    assertThat(second.items()).extracting(TaskBudget::taskType).containsExactly("summarize");
    assertThat(second.hasMore()).isFalse();

    admin.taskBudgets().delete("classify");
    AegisApiException gone = problem(() -> admin.taskBudgets().get("classify"));
    assertThat(gone.status()).isEqualTo(404);
    assertThat(admin.taskBudgets().listAll().map(TaskBudget::taskType)).containsExactly("answer", "summarize");
    assertThat(problem(() -> {
          admin.taskBudgets().delete("classify");
          return null;
        }).status()).isEqualTo(404);
  }

  @Test
  void aBadBudgetIs422PointingAtEachFieldAndNothingIsStored() {
    AegisApiException e =
        problem(() -> admin.taskBudgets().put("summarize",
            TaskBudgetSpec.limits().withMaxErrorRate(1.5).withWindow("5s")));

    assertThat(e.status()).isEqualTo(422);
    assertThat(e.kind()).isEqualTo("validation");
    assertThat(e.errors()).extracting(FieldError::pointer).containsExactlyInAnyOrder("/max_error_rate", "/window");
    assertThat(problem(() -> admin.taskBudgets().get("summarize")).status()).isEqualTo(404);

    AegisApiException noLimit = problem(() -> admin.taskBudgets().put("summarize", TaskBudgetSpec.limits()));
    assertThat(noLimit.status()).isEqualTo(422);
    assertThat(noLimit.errors()).singleElement().satisfies(f -> {
      assertThat(f.pointer()).isEmpty();
      assertThat(f.detail()).contains("max_tokens_per_run");
    });

    AegisApiException badName =
        problem(() -> admin.taskBudgets().put("no spaces", TaskBudgetSpec.limits().withP95LatencyMs(1)));
    assertThat(badName.status()).isEqualTo(400);
    assertThat(badName.errors()).extracting(FieldError::parameter).containsExactly("task_type");
    assertThat(admin.taskBudgets().listAll()).isEmpty();
  }

  @Test
  void anAgentKeyMayNotSetBudgetsAndAnotherTenantsAlertIsNotFound() {
    AegisApiException forbidden =
        problem(() -> admin.withApiKey(agentKey).taskBudgets().put("x", TaskBudgetSpec.limits().withP95LatencyMs(1)));
    assertThat(forbidden.status()).isEqualTo(403);

    admin.taskBudgets().put("summarize", TaskBudgetSpec.limits().withMaxTokensPerRun(10).withMinSamples(1));
    runs("summarize", 1, 10, 50);
    Alert mine = AgentTraffic.await(() -> admin.alerts().list(AlertFilter.any(), PageQuery.first()).items(),
        items -> !items.isEmpty()).get(0);

    newTenant();
    assertThat(problem(() -> admin.alerts().get(mine.id())).status()).isEqualTo(404);
    assertThat(admin.alerts().listAll(AlertFilter.any())).isEmpty();
  }

  @Test
  void listsAlertsNewestFirstWithFiltersAndPages() {
    admin.taskBudgets().put("summarize", TaskBudgetSpec.limits().withMaxTokensPerRun(1000).withMinSamples(1));
    runs("summarize", 3, 10, 2500);

    List<Alert> alerts = AgentTraffic.await(() -> admin.alerts().listAll(AlertFilter.any()).toList(),
        a -> a.size() == 3);

    assertThat(alerts).allSatisfy(a -> {
      assertThat(a.id()).startsWith("alr_");
      assertThat(a.kind()).isEqualTo(Alert.TOKENS_PER_RUN);
      assertThat(a.state()).isEqualTo(Alert.FIRING);
      assertThat(a.taskType()).isEqualTo("summarize");
      assertThat(a.runId()).startsWith("run-");
      assertThat(a.observed().longValue()).isEqualTo(2500);
      assertThat(a.threshold().longValue()).isEqualTo(1000);
      assertThat(a.message()).contains("2500 tokens");
    });
    assertThat(alerts).extracting(Alert::createdAt).isSortedAccordingTo((x, y) -> y.compareTo(x));
    assertThat(admin.alerts().get(alerts.get(1).id())).isEqualTo(alerts.get(1));

    Page<Alert> first = admin.alerts().list(AlertFilter.any().withKind(Alert.TOKENS_PER_RUN), PageQuery.first(2));
    assertThat(first.items()).containsExactlyElementsOf(alerts.subList(0, 2));
    Page<Alert> second =
        admin.alerts().list(AlertFilter.any().withKind(Alert.TOKENS_PER_RUN), PageQuery.first(2).after(first.nextCursor()));
    assertThat(second.items()).containsExactly(alerts.get(2));
    assertThat(second.hasMore()).isFalse();

    assertThat(admin.alerts().listAll(AlertFilter.any().withTaskType("other"))).isEmpty();
    assertThat(admin.alerts().listAll(AlertFilter.any().withKind(Alert.ERROR_RATE))).isEmpty();
    assertThat(admin.alerts().listAll(AlertFilter.any().withState(Alert.RESOLVED))).isEmpty();
    assertThat(admin.alerts().listAll(AlertFilter.any().withOpen(true))).hasSize(3);
    assertThat(admin.alerts().listAll(AlertFilter.any().withSince(Instant.now().plusSeconds(60)))).isEmpty();
    assertThat(admin.alerts().listAll(AlertFilter.any().withUntil(alerts.get(0).createdAt())))
        .doesNotContain(alerts.get(0));
  }

  @Test
  void aResolutionNamesTheAlertItResolves() {
    admin.taskBudgets().put("summarize", TaskBudgetSpec.limits().withP95LatencyMs(100).withMinSamples(1));
    runs("summarize", 1, 400, 0);
    Alert fired = AgentTraffic.await(
        () -> admin.alerts().listAll(AlertFilter.any().withOpen(true)).toList(), a -> a.size() == 1).get(0);
    assertThat(fired.kind()).isEqualTo(Alert.LATENCY_P95);
    assertThat(fired.window()).isEqualTo("15m");
    assertThat(fired.samples()).isEqualTo(1);
    assertThat(fired.isOpen()).isTrue();
    assertThat(admin.taskBudgets().get("summarize").status().firing()).containsExactly(Alert.LATENCY_P95);

    admin.taskBudgets().put("summarize", TaskBudgetSpec.limits().withMaxTokensPerRun(1000));

    Alert resolution = admin.alerts().list(AlertFilter.any().withState(Alert.RESOLVED), PageQuery.first())
        .items().getFirst();
    assertThat(resolution.firedAlertId()).isEqualTo(fired.id());
    assertThat(resolution.observed()).as("the limit went away; nothing was observed").isNull();
    Alert firedNow = admin.alerts().get(fired.id());
    assertThat(firedNow.resolvedByAlertId()).isEqualTo(resolution.id());
    assertThat(firedNow.isOpen()).isFalse();
    assertThat(admin.alerts().listAll(AlertFilter.any().withOpen(true))).isEmpty();
    assertThat(admin.alerts().listAll(AlertFilter.any().withOpen(false))).hasSize(2);
  }

  @Test
  void badAlertFiltersAre400NamingEachParameter() {
    Instant now = Instant.now();
    AegisApiException e = problem(() -> admin.alerts().list(
        AlertFilter.any().withState("bogus").withKind("cpu").withSince(now).withUntil(now.minusSeconds(1)),
        PageQuery.first()));

    assertThat(e.status()).isEqualTo(400);
    assertThat(e.kind()).isEqualTo("malformed-request");
    assertThat(e.errors()).extracting(FieldError::parameter).containsExactlyInAnyOrder("kind", "state", "until");
  }

  @Test
  void createsAWebhookWhoseSecretIsShownOnceAndDeliversAlertsToIt() {
    CreatedWebhook created =
        admin.webhooks().create(receiverUrl(), List.of(Webhook.ALERT_FIRED, Webhook.ALERT_RESOLVED), "pager");

    assertThat(created.id()).startsWith("whk_");
    assertThat(created.secret()).startsWith("whsec_");
    assertThat(created.toString()).doesNotContain(created.secret()).doesNotContain(created.url()).contains("(hidden)");
    assertThat(created.events()).containsExactly("alert.fired", "alert.resolved");
    assertThat(created.description()).isEqualTo("pager");
    Webhook read = admin.webhooks().get(created.id());
    assertThat(read).isEqualTo(created.webhook());
    assertThat(read.toString()).doesNotContain(read.url());
    assertThat(admin.webhooks().listAll()).containsExactly(read);

    admin.taskBudgets().put("summarize", TaskBudgetSpec.limits().withMaxTokensPerRun(10).withMinSamples(1));
    runs("summarize", 1, 10, 99);
    WebhookDelivery delivery = AgentTraffic.await(
        () -> admin.webhooks().deliveries(created.id(), PageQuery.first()).items(),
        items -> items.size() == 1 && items.getFirst().state().equals("delivered")).getFirst();
    Alert alert = admin.alerts().listAll(AlertFilter.any()).findFirst().orElseThrow();

    assertThat(delivery.id()).startsWith("dlv_");
    assertThat(delivery.webhookId()).isEqualTo(created.id());
    assertThat(delivery.event()).isEqualTo("alert.fired");
    assertThat(delivery.attempts()).isEqualTo(1);
    assertThat(delivery.lastStatus()).isEqualTo(204);
    assertThat(delivery.nextAttemptAt()).isNull();
    assertThat(delivery.payload().path("data").path("alert").path("id").asText()).isEqualTo(alert.id());
    assertThat(delivery.history()).singleElement().satisfies(a -> {
      assertThat(a.attempt()).isEqualTo(1);
      assertThat(a.status()).isEqualTo(204);
      assertThat(a.error()).isNull();
      assertThat(a.startedAt()).isNotNull();
    });
    assertThat(received).anySatisfy(body -> assertThat(body).contains(alert.id()));

    admin.webhooks().delete(created.id());
    admin.webhooks().delete(created.id());
    assertThat(problem(() -> admin.webhooks().get(created.id())).status()).isEqualTo(404);
    assertThat(admin.webhooks().listAll()).isEmpty();
  }

  @Test
  void aBadWebhookIs422PointingAtEachFieldAndOnlyAdminsManageWebhooks() {
    AegisApiException e = problem(() -> admin.webhooks().create(
        "ftp://example.com/x", List.of("alert.fired", "alert.exploded"), null));

    assertThat(e.status()).isEqualTo(422);
    assertThat(e.errors()).extracting(FieldError::pointer).containsExactlyInAnyOrder("/url", "/events/1");
    assertThat(admin.webhooks().listAll()).isEmpty();

    AegisApiException forbidden =
        problem(() -> admin.withApiKey(agentKey).webhooks().list(PageQuery.first()));
    assertThat(forbidden.status()).isEqualTo(403);
  }

  @Test
  void webhooksAndDeliveriesComeInPages() {
    for (int i = 0; i < 3; i++) {
      admin.webhooks().create(receiverUrl(), List.of(Webhook.ALERT_FIRED), "hook " + i);
    }
    Page<Webhook> first = admin.webhooks().list(PageQuery.first(2));
    assertThat(first.items()).hasSize(2);
    Page<Webhook> second = admin.webhooks().list(PageQuery.first(2).after(first.nextCursor()));
    assertThat(second.items()).hasSize(1).doesNotContainAnyElementsOf(first.items());
    assertThat(second.hasMore()).isFalse();

    String hook = first.items().getFirst().id();
    admin.taskBudgets().put("summarize", TaskBudgetSpec.limits().withMaxTokensPerRun(10).withMinSamples(1));
    runs("summarize", 3, 10, 99);
    AgentTraffic.await(() -> admin.alerts().listAll(AlertFilter.any()).count(), n -> n == 3);

    Page<WebhookDelivery> page = admin.webhooks().deliveries(hook, PageQuery.first(2));
    assertThat(page.items()).hasSize(2);
    Page<WebhookDelivery> rest = admin.webhooks().deliveries(hook, PageQuery.first(2).after(page.nextCursor()));
    assertThat(rest.items()).hasSize(1);
    assertThat(rest.hasMore()).isFalse();
    assertThat(problem(() -> admin.webhooks().deliveries("whk_nope", PageQuery.first())).status()).isEqualTo(404);
  }
}
