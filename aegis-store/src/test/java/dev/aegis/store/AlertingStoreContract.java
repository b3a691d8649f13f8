package dev.aegis.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aegis.core.alert.Alert;
import dev.aegis.core.alert.AlertQuery;
import dev.aegis.core.alert.AlertState;
import dev.aegis.core.id.IdGenerator;
import dev.aegis.core.page.Page;
import dev.aegis.core.page.PageRequest;
import dev.aegis.core.store.Store;
import dev.aegis.core.store.StoreException;
import dev.aegis.core.taskbudget.TaskBudget;
import dev.aegis.core.tenant.Tenant;
import dev.aegis.core.webhook.DeliveryAttempt;
import dev.aegis.core.webhook.DeliveryState;
import dev.aegis.core.webhook.Webhook;
import dev.aegis.core.webhook.WebhookDelivery;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What every {@link Store} must do for task budgets, alerts and webhooks, run against each database. */
public abstract class AlertingStoreContract {
  private static final Instant T0 = Instant.parse("2026-11-24T12:00:00.123Z");

  @TempDir protected Path dataDir;
  protected Store store;
  private final IdGenerator ids = IdGenerator.system();
  private Tenant acme;
  private Tenant globex;

  /** The configuration of a new, empty store of the kind under test. */
  protected abstract StoreConfig config();

  /** The configuration that opens the same database as the store under test. */
  protected abstract StoreConfig reopenConfig();

  @BeforeEach
  void open() {
    store = JdbcStores.open(config());
    acme = tenant("acme");
    globex = tenant("globex");
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void putCreatesThenReplacesABudgetKeepingWhenItWasCreated() {
    TaskBudget first = budget(acme, "summarize", 1000L, null, null, T0);
    assertThat(store.taskBudgets().put(first)).isTrue();
    assertThat(store.taskBudgets().find(acme.id(), "summarize")).contains(first);

    TaskBudget second = new TaskBudget(acme.id(), "summarize", null, 2000L, 0.25, Duration.ofMinutes(5), 3,
        T0.plusSeconds(60), T0.plusSeconds(60));
    assertThat(store.taskBudgets().put(second)).isFalse();

    TaskBudget stored = store.taskBudgets().find(acme.id(), "summarize").orElseThrow();
    assertThat(stored.maxTokensPerRun()).isNull();
    assertThat(stored.p95LatencyMs()).isEqualTo(2000L);
    assertThat(stored.maxErrorRate()).isEqualTo(0.25);
    assertThat(stored.window()).isEqualTo(Duration.ofMinutes(5));
    assertThat(stored.minSamples()).isEqualTo(3);
    assertThat(stored.createdAt()).isEqualTo(T0);
    assertThat(stored.updatedAt()).isEqualTo(T0.plusSeconds(60));
  }

  @Test
  void budgetsBelongToTheirTenantAndPageByTaskType() {
    List<String> types = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      types.add("task-" + (char) ('g' - i));
      store.taskBudgets().put(budget(acme, types.get(i), 10L, null, null, T0));
    }
    store.taskBudgets().put(budget(globex, "task-a", 10L, null, null, T0));

    Page<TaskBudget> first = store.taskBudgets().list(acme.id(), PageRequest.first(4));
    Page<TaskBudget> second = store.taskBudgets().list(acme.id(), new PageRequest(first.nextAfterId(), 4));
    List<String> seen = new ArrayList<>();
    first.items().forEach(b -> seen.add(b.taskType()));
    second.items().forEach(b -> seen.add(b.taskType()));

    assertThat(seen).containsExactlyElementsOf(types.stream().sorted().toList());
    assertThat(second.nextAfterId()).isNull();
    assertThat(store.taskBudgets().find(globex.id(), "task-b")).isEmpty();
    assertThat(store.taskBudgets().delete(globex.id(), "task-b")).isFalse();
    assertThat(store.taskBudgets().all()).hasSize(8);
    assertThat(store.taskBudgets().delete(acme.id(), "task-b")).isTrue();
    assertThat(store.taskBudgets().delete(acme.id(), "task-b")).isFalse();
    assertThat(store.taskBudgets().all()).hasSize(7);
  }

  @Test
  void racingCreatorsOfOneBudgetCreateItOnce() throws Exception {
    List<Boolean> created = race(16, i -> store.taskBudgets().put(budget(acme, "contested", 10L + i, null, null, T0)));

    assertThat(created).filteredOn(b -> b).hasSize(1);
    assertThat(store.taskBudgets().list(acme.id(), PageRequest.first(10)).items()).hasSize(1);
  }

  @Test
  void anAlertAndItsDeliveriesAreStoredTogether() {
    Webhook hook = webhook(acme, "alert.fired");
    Alert alert = firing(acme, "summarize", null);
    WebhookDelivery delivery = delivery(acme, hook, alert.id());

    assertThat(store.alerts().record(alert, List.of(delivery))).isTrue();

    assertThat(store.alerts().find(acme.id(), alert.id())).contains(alert);
    assertThat(store.webhooks().findDelivery(delivery.id())).contains(delivery);
    assertThat(store.alerts().find(globex.id(), alert.id())).isEmpty();
  }

  @Test
  void aFailedDeliveryInsertLeavesNoAlertBehind() {
    Alert alert = firing(acme, "summarize", null);
    WebhookDelivery orphan = WebhookDelivery.pending(
        ids.next(WebhookDelivery.ID_PREFIX), acme.id(), "whk_missing", "alert.fired", "{}", T0);

    assertThatThrownBy(() -> store.alerts().record(alert, List.of(orphan))).isInstanceOf(StoreException.class);

    assertThat(store.alerts().find(acme.id(), alert.id())).isEmpty();
    assertThat(store.webhooks().findDelivery(orphan.id())).isEmpty();
  }

  @Test
  void aSecondAlertWithTheSameDedupeKeyStoresNothing() {
    Webhook hook = webhook(acme, "alert.fired");
    Alert first = firing(acme, "summarize", "run:r1");
    Alert again = firing(acme, "summarize", "run:r1");
    WebhookDelivery secondDelivery = delivery(acme, hook, again.id());

    assertThat(store.alerts().record(first, List.of())).isTrue();
    assertThat(store.alerts().record(again, List.of(secondDelivery))).isFalse();
    assertThat(store.alerts().record(firing(globex, "summarize", "run:r1"), List.of())).as("other tenant").isTrue();

    assertThat(store.alerts().find(acme.id(), again.id())).isEmpty();
    assertThat(store.webhooks().findDelivery(secondDelivery.id())).isEmpty();
  }

  @Test
  void aResolutionLinksToItsFiringAlertAndClosesIt() {
    Alert fired = firing(acme, "summarize", null);
    store.alerts().record(fired, List.of());
    assertThat(store.alerts().findOpen(acme.id(), "task_budget.latency_p95", "summarize"))
        .map(Alert::id).contains(fired.id());

    Alert resolved = resolution(fired);
    assertThat(store.alerts().record(resolved, List.of())).isTrue();
    assertThat(store.alerts().record(resolution(fired), List.of())).as("resolved once").isFalse();

    assertThat(store.alerts().find(acme.id(), fired.id()).orElseThrow().resolvedById()).isEqualTo(resolved.id());
    assertThat(store.alerts().find(acme.id(), resolved.id()).orElseThrow().firedAlertId()).isEqualTo(fired.id());
    assertThat(store.alerts().findOpen(acme.id(), "task_budget.latency_p95", "summarize")).isEmpty();
  }

  @Test
  void openAlertsOfAllTenantsAreFoundForRestoring() {
    Alert a = firing(acme, "one", null);
    Alert b = firing(globex, "two", null);
    Alert closed = firing(acme, "three", null);
    Alert tokens = alert(acme, "task_budget.tokens_per_run", AlertState.FIRING, "one", "run:x", null, T0);
    for (Alert alert : List.of(a, b, closed, tokens)) {
      store.alerts().record(alert, List.of());
    }
    store.alerts().record(resolution(closed), List.of());

    assertThat(store.alerts().open(Set.of("task_budget.latency_p95", "task_budget.error_rate")))
        .extracting(Alert::id).containsExactly(a.id(), b.id());
    assertThat(store.alerts().open(Set.of())).isEmpty();
  }

  @Test
  void alertsListNewestFirstWithFilters() {
    List<Alert> all = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      Alert alert = alert(acme, i % 2 == 0 ? "task_budget.latency_p95" : "task_budget.error_rate",
          AlertState.FIRING, i < 3 ? "alpha" : "beta", null, null, T0.plusSeconds(i * 60L));
      store.alerts().record(alert, List.of());
      all.add(alert);
    }
    Alert resolved = resolution(all.get(0));
    store.alerts().record(resolved, List.of());
    store.alerts().record(firing(globex, "alpha", null), List.of());

    List<String> newestFirst = new ArrayList<>(all.stream().map(Alert::id).toList());
    newestFirst.add(resolved.id());
    Collections.reverse(newestFirst);
    assertThat(ids(AlertQuery.ALL)).containsExactlyElementsOf(newestFirst);
    assertThat(ids(new AlertQuery("task_budget.error_rate", null, null, null, null, null)))
        .containsExactly(all.get(5).id(), all.get(3).id(), all.get(1).id());
    assertThat(ids(new AlertQuery(null, AlertState.RESOLVED, null, null, null, null))).containsExactly(resolved.id());
    assertThat(ids(new AlertQuery(null, null, "beta", null, null, null)))
        .containsExactly(all.get(5).id(), all.get(4).id(), all.get(3).id());
    assertThat(ids(new AlertQuery(null, AlertState.FIRING, null, T0.plusSeconds(60), T0.plusSeconds(180), null)))
        .containsExactly(all.get(2).id(), all.get(1).id());
    assertThat(ids(new AlertQuery(null, null, null, null, null, true))).hasSize(5).doesNotContain(all.get(0).id());
    assertThat(ids(new AlertQuery(null, null, null, null, null, false)))
        .containsExactly(resolved.id(), all.get(0).id());

    Page<Alert> first = store.alerts().list(acme.id(), AlertQuery.ALL, PageRequest.first(4));
    Page<Alert> second = store.alerts().list(acme.id(), AlertQuery.ALL, new PageRequest(first.nextAfterId(), 4));
    assertThat(first.items()).extracting(Alert::id).containsExactlyElementsOf(newestFirst.subList(0, 4));
    assertThat(second.items()).extracting(Alert::id).containsExactlyElementsOf(newestFirst.subList(4, 7));
    assertThat(second.nextAfterId()).isNull();
  }

  @Test
  void webhooksBelongToTheirTenantAndDeletingOneForgetsItsSecretAndCancelsItsDeliveries() {
    Webhook hook = webhook(acme, "alert.fired", "alert.resolved");
    Webhook resolvedOnly = webhook(acme, "alert.resolved");
    webhook(globex, "alert.fired");
    Alert alert = firing(acme, "summarize", null);
    WebhookDelivery pending = delivery(acme, hook, alert.id());
    store.alerts().record(alert, List.of(pending));

    assertThat(store.webhooks().find(acme.id(), hook.id())).contains(hook);
    assertThat(store.webhooks().find(globex.id(), hook.id())).isEmpty();
    assertThat(store.webhooks().list(acme.id(), PageRequest.first(10)).items()).containsExactly(hook, resolvedOnly);
    assertThat(store.webhooks().subscribed(acme.id(), "alert.fired")).containsExactly(hook);
    assertThat(store.webhooks().subscribed(acme.id(), "alert.resolved")).containsExactly(hook, resolvedOnly);

    assertThat(store.webhooks().delete(globex.id(), hook.id(), T0)).isFalse();
    assertThat(store.webhooks().delete(acme.id(), hook.id(), T0.plusSeconds(5))).isTrue();
    assertThat(store.webhooks().delete(acme.id(), hook.id(), T0.plusSeconds(9))).isTrue();

    assertThat(store.webhooks().find(acme.id(), hook.id())).isEmpty();
    assertThat(store.webhooks().list(acme.id(), PageRequest.first(10)).items()).containsExactly(resolvedOnly);
    assertThat(store.webhooks().subscribed(acme.id(), "alert.fired")).isEmpty();
    Webhook gone = store.webhooks().findForDelivery(hook.id()).orElseThrow();
    assertThat(gone.sealedSecret()).isNull();
    assertThat(gone.deletedAt()).isEqualTo(T0.plusSeconds(5));
    WebhookDelivery cancelled = store.webhooks().findDelivery(pending.id()).orElseThrow();
    assertThat(cancelled.state()).isEqualTo(DeliveryState.CANCELLED);
    assertThat(cancelled.nextAttemptAt()).isNull();
    assertThat(store.webhooks().nextDue()).isEmpty();
  }

  @Test
  void dueDeliveriesAreClaimedOnceAndComeBackWhenTheClaimEnds() {
    Webhook hook = webhook(acme, "alert.fired");
    WebhookDelivery now = record(delivery(acme, hook, "a1", T0));
    WebhookDelivery later = record(delivery(acme, hook, "a2", T0.plusSeconds(30)));

    assertThat(store.webhooks().nextDue()).contains(T0);
    List<WebhookDelivery> claimed = store.webhooks().claimDue(T0.plusSeconds(1), T0.plusSeconds(61), 10);
    assertThat(claimed).extracting(WebhookDelivery::id).containsExactly(now.id());
    assertThat(store.webhooks().claimDue(T0.plusSeconds(2), T0.plusSeconds(62), 10)).as("held").isEmpty();
    assertThat(store.webhooks().nextDue()).contains(T0.plusSeconds(30));

    List<WebhookDelivery> afterBoth = store.webhooks().claimDue(T0.plusSeconds(61), T0.plusSeconds(121), 10);
    assertThat(afterBoth).extracting(WebhookDelivery::id).containsExactly(now.id(), later.id());
  }

  @Test
  void attemptsMoveADeliveryOnAndAreListedWithIt() {
    Webhook hook = webhook(acme, "alert.fired");
    WebhookDelivery d = record(delivery(acme, hook, "a1", T0));

    store.webhooks().recordAttempt(new DeliveryAttempt(d.id(), 1, T0, 25, 500, "HTTP 500"), DeliveryState.PENDING,
        T0.plusSeconds(2));
    WebhookDelivery retrying = store.webhooks().findDelivery(d.id()).orElseThrow();
    assertThat(retrying.state()).isEqualTo(DeliveryState.PENDING);
    assertThat(retrying.attempts()).isEqualTo(1);
    assertThat(retrying.nextAttemptAt()).isEqualTo(T0.plusSeconds(2));
    assertThat(retrying.lastStatus()).isEqualTo(500);
    assertThat(retrying.lastError()).isEqualTo("HTTP 500");
    assertThat(retrying.updatedAt()).isEqualTo(T0.plusMillis(25));

    store.webhooks().recordAttempt(new DeliveryAttempt(d.id(), 2, T0.plusSeconds(2), 10, null, "connection refused"),
        DeliveryState.PENDING, T0.plusSeconds(6));
    store.webhooks().recordAttempt(new DeliveryAttempt(d.id(), 3, T0.plusSeconds(6), 8, 204, null),
        DeliveryState.DELIVERED, null);

    WebhookDelivery delivered = store.webhooks().findDelivery(d.id()).orElseThrow();
    assertThat(delivered.state()).isEqualTo(DeliveryState.DELIVERED);
    assertThat(delivered.attempts()).isEqualTo(3);
    assertThat(delivered.nextAttemptAt()).isNull();
    assertThat(delivered.lastStatus()).isEqualTo(204);
    assertThat(delivered.lastError()).isNull();
    assertThat(delivered.history()).containsExactly(
        new DeliveryAttempt(d.id(), 1, T0, 25, 500, "HTTP 500"),
        new DeliveryAttempt(d.id(), 2, T0.plusSeconds(2), 10, null, "connection refused"),
        new DeliveryAttempt(d.id(), 3, T0.plusSeconds(6), 8, 204, null));
    assertThat(store.webhooks().nextDue()).isEmpty();

    store.webhooks().cancel(d.id(), T0.plusSeconds(9));
    assertThat(store.webhooks().findDelivery(d.id()).orElseThrow().state()).as("delivered stays delivered")
        .isEqualTo(DeliveryState.DELIVERED);
  }

  @Test
  void deliveriesOfAWebhookListNewestFirstWithinTheTenant() {
    Webhook hook = webhook(acme, "alert.fired");
    Webhook other = webhook(acme, "alert.fired");
    List<String> made = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      made.add(record(delivery(acme, hook, "a" + i, T0)).id());
    }
    record(delivery(acme, other, "x", T0));
    store.webhooks().recordAttempt(new DeliveryAttempt(made.get(4), 1, T0, 5, 500, "HTTP 500"),
        DeliveryState.PENDING, T0.plusSeconds(1));
    Collections.reverse(made);

    Page<WebhookDelivery> first = store.webhooks().deliveries(acme.id(), hook.id(), PageRequest.first(3));
    Page<WebhookDelivery> second =
        store.webhooks().deliveries(acme.id(), hook.id(), new PageRequest(first.nextAfterId(), 3));

    assertThat(first.items()).extracting(WebhookDelivery::id).containsExactlyElementsOf(made.subList(0, 3));
    assertThat(first.items().get(0).history()).hasSize(1);
    assertThat(second.items()).extracting(WebhookDelivery::id).containsExactlyElementsOf(made.subList(3, 5));
    assertThat(store.webhooks().deliveries(globex.id(), hook.id(), PageRequest.first(10)).items()).isEmpty();
  }

  @Test
  void racingDispatchersNeverClaimTheSameDelivery() throws Exception {
    Webhook hook = webhook(acme, "alert.fired");
    for (int i = 0; i < 40; i++) {
      record(delivery(acme, hook, "a" + i, T0));
    }
    Set<String> claimed = ConcurrentHashMap.newKeySet();
    List<Integer> counts = race(8, i -> {
      int n = 0;
      for (WebhookDelivery d : store.webhooks().claimDue(T0, T0.plusSeconds(60), 7)) {
        assertThat(claimed.add(d.id())).as("claimed twice: %s", d.id()).isTrue();
        n++;
      }
      return n;
    });

    assertThat(counts.stream().mapToInt(Integer::intValue).sum()).isEqualTo(claimed.size());
    assertThat(claimed).hasSizeLessThanOrEqualTo(40).hasSizeGreaterThanOrEqualTo(7);
  }

  @Test
  void whatWasWrittenSurvivesReopening() {
    TaskBudget budget = budget(acme, "summarize", 10L, 2000L, 0.5, T0);
    store.taskBudgets().put(budget);
    Webhook hook = webhook(acme, "alert.fired");
    Alert alert = firing(acme, "summarize", null);
    WebhookDelivery d = delivery(acme, hook, alert.id());
    store.alerts().record(alert, List.of(d));
    store.close();

    store = JdbcStores.open(reopenConfig());

    assertThat(store.taskBudgets().find(acme.id(), "summarize")).contains(budget);
    assertThat(store.alerts().find(acme.id(), alert.id())).contains(alert);
    assertThat(store.webhooks().find(acme.id(), hook.id())).contains(hook);
    assertThat(store.webhooks().findDelivery(d.id())).contains(d);
  }

  private List<String> ids(AlertQuery query) {
    return store.alerts().list(acme.id(), query, PageRequest.first(100)).items().stream().map(Alert::id).toList();
  }

  private <T> List<T> race(int threads, java.util.function.IntFunction<T> work) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<T>> futures = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      int n = i;
      futures.add(pool.submit(() -> {
        start.await();
        return work.apply(n);
      }));
    }
    start.countDown();
    List<T> results = new ArrayList<>();
    for (Future<T> f : futures) {
      results.add(f.get());
    }
    pool.shutdown();
    return results;
  }

  private Tenant tenant(String name) {
    Tenant tenant = new Tenant(ids.next(Tenant.ID_PREFIX), name, T0);
    store.tenants().create(tenant);
    return tenant;
  }

  private static TaskBudget budget(Tenant tenant, String task, Long tokens, Long p95, Double rate, Instant at) {
    return new TaskBudget(tenant.id(), task, tokens, p95, rate, TaskBudget.DEFAULT_WINDOW, 20, at, at);
  }

  private Webhook webhook(Tenant tenant, String... events) {
    Webhook hook = new Webhook(ids.next(Webhook.ID_PREFIX), tenant.id(), "https://hooks.example.com/aegis?x=1",
        List.of(events), "on-call", "sb1:00000000:c2VhbGVk", T0, null);
    store.webhooks().create(hook);
    return hook;
  }

  private Alert firing(Tenant tenant, String task, String dedupeKey) {
    return alert(tenant, "task_budget.latency_p95", AlertState.FIRING, task, dedupeKey, null, T0);
  }

  private Alert resolution(Alert fired) {
    return new Alert(ids.next(Alert.ID_PREFIX), fired.tenantId(), fired.kind(), AlertState.RESOLVED,
        fired.taskType(), null, 900.0, 2000.0, Duration.ofMinutes(15), 20L, "back within budget",
        fired.createdAt().plusSeconds(600), fired.id(), null, null);
  }

  private Alert alert(Tenant tenant, String kind, AlertState state, String task, String dedupeKey, String fired,
      Instant at) {
    return new Alert(ids.next(Alert.ID_PREFIX), tenant.id(), kind, state, task,
        dedupeKey == null ? null : dedupeKey.substring(4), 2500.0, 2000.0, Duration.ofMinutes(15), 42L,
        "p95 latency of " + task + " is 2500 ms", at, fired, null, dedupeKey);
  }

  private WebhookDelivery delivery(Tenant tenant, Webhook hook, String alertId) {
    return delivery(tenant, hook, alertId, T0);
  }

  private WebhookDelivery delivery(Tenant tenant, Webhook hook, String alertId, Instant due) {
    return WebhookDelivery.pending(ids.next(WebhookDelivery.ID_PREFIX), tenant.id(), hook.id(), "alert.fired",
        "{\"alert\":\"" + alertId + "\"}", due);
  }

  /** Stores a delivery through an alert, the only way deliveries are written. */
  private WebhookDelivery record(WebhookDelivery delivery) {
    store.alerts().record(alert(acme, "test.kind", AlertState.FIRING, null, null, null, T0), List.of(delivery));
    return delivery;
  }
}
