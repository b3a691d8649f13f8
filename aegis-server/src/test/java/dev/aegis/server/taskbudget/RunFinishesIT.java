package dev.aegis.server.taskbudget;

import static dev.aegis.store.TelemetryFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aegis.core.id.IdGenerator;
import dev.aegis.core.store.Store;
import dev.aegis.core.taskbudget.RunSample;
import dev.aegis.core.taskbudget.RunTokens;
import dev.aegis.core.taskbudget.TaskBudget;
import dev.aegis.core.taskbudget.TaskBudgetEvaluator;
import dev.aegis.core.telemetry.Nanos;
import dev.aegis.core.telemetry.SpanBatch;
import dev.aegis.core.telemetry.SpanRecord;
import dev.aegis.core.tenant.Tenant;
import dev.aegis.store.JdbcStores;
import dev.aegis.store.StoreConfig;
import dev.aegis.store.TelemetryFixtures;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which committed spans finish a run, read against a real store: roots, child runs, and spans that only look so. */
class RunFinishesIT {
  private static final long MS = 1_000_000L;
  private static final String TASK = "document-summarize";

  @TempDir Path dataDir;
  private Store store;
  private TaskBudgetEvaluator evaluator;
  private RunFinishes finishes;
  private String tenant;

  @BeforeEach
  void open() {
    store = JdbcStores.open(StoreConfig.sqlite(dataDir));
    Instant now = Nanos.toInstant(T0);
    tenant = IdGenerator.system().next(Tenant.ID_PREFIX);
    store.tenants().create(new Tenant(tenant, "acme", now));
    evaluator = new TaskBudgetEvaluator(Clock.fixed(now, ZoneOffset.UTC));
    evaluator.put(new TaskBudget(tenant, TASK, 1000L, 500L, null, TaskBudget.DEFAULT_WINDOW, 1, now, now));
    finishes = new RunFinishes(store.telemetry(), evaluator, 100);
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void aRootSpanFinishesItsRunWithTheRunsTokenTotal() {
    String trace = TelemetryFixtures.traceId();
    SpanRecord root = span("run-1", trace).at(T0, T0 + 700 * MS).attribute("run.id", "run-1")
        .attribute("error.type", "validation").build();
    SpanRecord llm = span("run-1", trace).parent(root.span().spanId()).at(T0 + MS, T0 + 5 * MS)
        .tokens(600, 500, 0).build();

    RunFinishes.Found found = commit(llm, root);

    assertThat(found.tokenTotals()).containsExactly(
        new RunTokens(tenant, TASK, "run-1", 1100, Nanos.toInstant(T0 + 700 * MS)));
    assertThat(found.finished()).containsExactly(
        new RunSample(tenant, TASK, "run-1", 700, true, 1100L, Nanos.toInstant(T0 + 700 * MS)));
  }

  @Test
  void aChildRunsRootWaitsForItsParentSpanAndInnerSpansNeverFinishARun() {
    String trace = TelemetryFixtures.traceId();
    SpanRecord parentRoot = span("run-p", trace).taskType("orchestrate").at(T0, T0 + 900 * MS)
        .attribute("run.id", "run-p").build();
    SpanRecord call = span("run-p", trace).taskType("orchestrate").parent(parentRoot.span().spanId())
        .at(T0 + 10 * MS, T0 + 850 * MS).build();
    SpanRecord childRoot = span("run-c", trace).parent(call.span().spanId()).parentRun("run-p")
        .at(T0 + 20 * MS, T0 + 820 * MS).attribute("run.id", "run-c").build();
    SpanRecord inner = span("run-c", trace).parent(childRoot.span().spanId()).at(T0 + 30 * MS, T0 + 80 * MS)
        .attribute("run.id", "run-c").build();

    assertThat(commit(inner).finished()).as("its parent, the child run's root, is not here yet").isEmpty();
    assertThat(commit(childRoot).finished()).as("its parent span is in a run not stored yet").isEmpty();
    assertThat(finishes.waiting()).isEqualTo(1);

    RunFinishes.Found found = commit(call, parentRoot);

    assertThat(found.finished()).as("the orchestrator's task type has no budget").singleElement().satisfies(s -> {
      assertThat(s.runId()).isEqualTo("run-c");
      assertThat(s.durationMillis()).isEqualTo(800);
      assertThat(s.error()).isFalse();
    });
    assertThat(finishes.waiting()).isZero();
  }

  @Test
  void aChildRunWhoseParentIsAlreadyStoredFinishesAtOnce() {
    String trace = TelemetryFixtures.traceId();
    SpanRecord parentRoot = span("run-p", trace).taskType("orchestrate").attribute("run.id", "run-p").build();
    commit(parentRoot);
    SpanRecord childRoot = span("run-c", trace).parent(parentRoot.span().spanId()).attribute("run.id", "run-c")
        .at(T0, T0 + 42 * MS).build();

    assertThat(commit(childRoot).finished()).extracting(RunSample::runId, RunSample::durationMillis)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("run-c", 42L));
  }

  @Test
  void tenantsAndTaskTypesWithoutABudgetFinishNothing() {
    String trace = TelemetryFixtures.traceId();
    SpanRecord other = span("run-x", trace).taskType("unbudgeted").tokens(5000, 0, 0).build();
    assertThat(commit(other).isEmpty()).isTrue();

    String stranger = IdGenerator.system().next(Tenant.ID_PREFIX);
    store.tenants().create(new Tenant(stranger, "globex", Nanos.toInstant(T0)));
    SpanRecord theirs = TelemetryFixtures.span(stranger, "run-y", trace).tokens(5000, 0, 0).build();
    SpanBatch batch = new SpanBatch(stranger, List.of(theirs));
    store.telemetry().write(List.of(batch));
    assertThat(finishes.read(List.of(batch)).isEmpty()).isTrue();
  }

  @Test
  void aMonitorThatFallsBehindDropsNewsInsteadOfHoldingSpans() {
    io.micrometer.core.instrument.simple.SimpleMeterRegistry registry =
        new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
    BudgetMonitor stalled = new BudgetMonitor(evaluator, finishes, null, registry, 10); // never started
    String trace = TelemetryFixtures.traceId();
    List<SpanBatch> four = List.of(new SpanBatch(tenant, List.of(span("a", trace).build(), span("a", trace).build(),
        span("a", trace).build(), span("a", trace).build())));
    List<SpanBatch> unbudgeted = List.of(new SpanBatch("ten_other", List.of(
        TelemetryFixtures.span("ten_other", "b", trace).build())));

    stalled.spansCommitted(four);
    stalled.spansCommitted(four);
    stalled.spansCommitted(unbudgeted);
    stalled.spansCommitted(four);

    assertThat(stalled.queuedSpans()).as("8 of at most 10; the tenant without budgets is never queued").isEqualTo(8);
    assertThat(registry.get("aegis.task_budget.dropped").counter().count()).isEqualTo(1);
  }

  private TelemetryFixtures.Builder span(String runId, String trace) {
    return TelemetryFixtures.span(tenant, runId, trace).taskType(TASK);
  }

  /** Writes the spans as one commit, then reads them as the monitor would. */
  private RunFinishes.Found commit(SpanRecord... records) {
    List<SpanBatch> batches = List.of(new SpanBatch(tenant, List.of(records)));
    store.telemetry().write(batches);
    return finishes.read(batches);
  }
}
