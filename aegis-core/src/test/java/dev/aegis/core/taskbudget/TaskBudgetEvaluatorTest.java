package dev.aegis.core.taskbudget;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aegis.core.taskbudget.BudgetTransition.Fired;
import dev.aegis.core.taskbudget.BudgetTransition.Resolved;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TaskBudgetEvaluatorTest {
  private static final Instant T0 = Instant.parse("2026-11-24T12:00:00Z");
  private static final String TENANT = "ten_a";
  private static final String TASK = "document-summarize";

  private final MutableClock clock = new MutableClock(T0);
  private final TaskBudgetEvaluator evaluator = new TaskBudgetEvaluator(clock);
  private int runNumber;

  @Test
  void crossingTheP95FiresOnceAndRecoveringResolvesOnce() {
    evaluator.put(budget(null, 2000L, null));

    assertThat(finish(20, 100, false)).isEmpty();
    List<BudgetTransition> crossed = finish(3, 5000, false);
    assertThat(finish(10, 5000, false)).as("still over: no second alert").isEmpty();

    assertThat(crossed).singleElement().isInstanceOfSatisfying(Fired.class, fired -> {
      assertThat(fired.kind()).isEqualTo(BudgetKind.LATENCY_P95);
      assertThat(fired.tenantId()).isEqualTo(TENANT);
      assertThat(fired.taskType()).isEqualTo(TASK);
      assertThat(fired.runId()).isNull();
      assertThat(fired.observed()).isBetween(4950.0, 5000.0);
      assertThat(fired.threshold()).isEqualTo(2000);
      assertThat(fired.window()).isEqualTo(Duration.ofMinutes(15));
      assertThat(fired.samples()).isEqualTo(23);
      assertThat(fired.message()).contains("p95 latency of document-summarize", "above the budget of 2000 ms",
          "last 15m", "23 runs");
    });

    clock.advance(Duration.ofMinutes(16));
    List<BudgetTransition> recovered = finish(20, 100, false);
    assertThat(finish(20, 100, false)).isEmpty();
    assertThat(recovered).singleElement().isInstanceOfSatisfying(Resolved.class, resolved -> {
      assertThat(resolved.kind()).isEqualTo(BudgetKind.LATENCY_P95);
      assertThat(resolved.observed()).isEqualTo(100.0);
      assertThat(resolved.samples()).isEqualTo(20);
      assertThat(resolved.message()).contains("back within the budget of 2000 ms");
    });
  }

  @Test
  void fewerRunsThanMinSamplesAreNotJudged() {
    evaluator.put(budget(null, 2000L, null));

    assertThat(finish(19, 9000, true)).isEmpty();
    assertThat(finish(1, 9000, true)).singleElement().extracting(BudgetTransition::kind)
        .isEqualTo(BudgetKind.LATENCY_P95);
  }

  @Test
  void oneSlowRunInTwentyIsWithinTheP95ButTwoAreNot() {
    evaluator.put(budget(null, 2000L, null));

    assertThat(finish(19, 100, false)).isEmpty();
    assertThat(finish(1, 60_000, false)).as("5% slow: the p95 is still fast").isEmpty();
    assertThat(finish(1, 60_000, false)).as("2 of 21 slow").hasSize(1);
  }

  @Test
  void aP95ExactlyAtTheLimitIsWithinBudget() {
    evaluator.put(budget(null, 2000L, null));

    assertThat(finish(40, 2000, false)).isEmpty();
    assertThat(evaluator.status(TENANT, TASK).orElseThrow().p95LatencyMs()).isEqualTo(2000);
    assertThat(finish(40, 2100, false)).hasSize(1);
  }

  @Test
  void runsOlderThanTheWindowLeaveIt() {
    evaluator.put(budget(null, 2000L, null));
    assertThat(finish(20, 5000, false)).hasSize(1);

    clock.advance(Duration.ofMinutes(10));
    assertThat(finish(20, 100, false)).as("the slow runs are still in the window").isEmpty();
    assertThat(evaluator.status(TENANT, TASK).orElseThrow().runs()).isEqualTo(40);

    clock.advance(Duration.ofMinutes(6));
    assertThat(finish(1, 100, false)).as("the slow runs have left the window").hasSize(1)
        .first().isInstanceOf(Resolved.class);
    assertThat(evaluator.status(TENANT, TASK).orElseThrow().runs()).isEqualTo(21);
  }

  @Test
  void lateRunsOlderThanTheWindowAreIgnoredAndFutureOnesCountAsNow() {
    evaluator.put(budget(null, 2000L, null));

    List<RunSample> late = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      late.add(sample(9000, false, null, T0.minus(Duration.ofMinutes(20))));
    }
    assertThat(evaluator.observe(late, List.of())).isEmpty();
    assertThat(evaluator.status(TENANT, TASK).orElseThrow().runs()).isZero();

    List<RunSample> skewed = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      skewed.add(sample(9000, false, null, T0.plus(Duration.ofHours(3))));
    }
    assertThat(evaluator.observe(skewed, List.of())).hasSize(1);
    clock.advance(Duration.ofMinutes(16));
    assertThat(evaluator.status(TENANT, TASK).orElseThrow().runs()).as("counted at arrival, not 3h ahead").isZero();
  }

  @Test
  void errorRateFiresAndResolves() {
    evaluator.put(budget(null, null, 0.1));

    assertThat(finish(17, 100, false)).isEmpty();
    List<BudgetTransition> fired = finish(3, 100, true);
    assertThat(fired).singleElement().satisfies(t -> {
      assertThat(t).isInstanceOf(Fired.class);
      assertThat(t.kind()).isEqualTo(BudgetKind.ERROR_RATE);
      assertThat(t.observed()).isEqualTo(0.15);
      assertThat(t.threshold()).isEqualTo(0.1);
      assertThat(t.message()).contains("error rate of document-summarize is 15%", "3 of 20 runs failed",
          "above the budget of 10%");
    });

    assertThat(finish(10, 100, false)).as("3 of 30 is exactly 10%: within budget").singleElement()
        .isInstanceOf(Resolved.class);
  }

  @Test
  void latencyAndErrorRateAreJudgedIndependently() {
    evaluator.put(budget(null, 2000L, 0.5));

    List<BudgetTransition> both = finish(20, 9000, true);
    assertThat(both).extracting(BudgetTransition::kind)
        .containsExactly(BudgetKind.LATENCY_P95, BudgetKind.ERROR_RATE);
    assertThat(evaluator.status(TENANT, TASK).orElseThrow().firing())
        .containsExactlyInAnyOrder(BudgetKind.LATENCY_P95, BudgetKind.ERROR_RATE);

    clock.advance(Duration.ofMinutes(16));
    assertThat(finish(20, 9000, false)).singleElement().satisfies(t -> {
      assertThat(t).isInstanceOf(Resolved.class);
      assertThat(t.kind()).isEqualTo(BudgetKind.ERROR_RATE);
    });
  }

  @Test
  void aRunOverItsTokenBudgetFiresOnceWhetherSeenRunningOrFinished() {
    evaluator.put(budget(1000L, null, null));

    assertThat(evaluator.observe(List.of(), List.of(tokens("run-1", 800)))).isEmpty();
    List<BudgetTransition> fired = evaluator.observe(List.of(), List.of(tokens("run-1", 1500)));
    assertThat(evaluator.observe(List.of(), List.of(tokens("run-1", 2500)))).isEmpty();
    assertThat(evaluator.observe(List.of(sample("run-1", 10, false, 3000L)), List.of())).isEmpty();

    assertThat(fired).singleElement().isInstanceOfSatisfying(Fired.class, f -> {
      assertThat(f.kind()).isEqualTo(BudgetKind.TOKENS_PER_RUN);
      assertThat(f.runId()).isEqualTo("run-1");
      assertThat(f.observed()).isEqualTo(1500.0);
      assertThat(f.threshold()).isEqualTo(1000);
      assertThat(f.window()).isNull();
      assertThat(f.samples()).isEqualTo(1);
      assertThat(f.message()).isEqualTo(
          "Run run-1 of document-summarize used 1500 tokens, over the budget of 1000 per run");
    });

    assertThat(evaluator.observe(List.of(sample("run-2", 10, false, 1001L)), List.of())).hasSize(1);
    assertThat(evaluator.observe(List.of(sample("run-3", 10, false, 1000L)), List.of())).as("at the limit").isEmpty();
    assertThat(evaluator.observe(List.of(sample("run-4", 10, false, null)), List.of())).as("unknown").isEmpty();
  }

  @Test
  void aRunReportedTwiceCountsOnce() {
    evaluator.put(budget(null, 2000L, null));
    RunSample slow = sample(9000, false, null, clock.instant());

    for (int i = 0; i < 25; i++) {
      assertThat(evaluator.observe(List.of(slow), List.of())).isEmpty();
    }
    assertThat(evaluator.status(TENANT, TASK).orElseThrow().runs()).isEqualTo(1);
  }

  @Test
  void knowsWhichTenantsAndTaskTypesHaveBudgets() {
    evaluator.put(budget(null, 2000L, null));
    evaluator.put(budgetFor(TENANT, "other", 5L, null, null));

    assertThat(evaluator.hasBudgets(TENANT)).isTrue();
    assertThat(evaluator.hasBudgets("ten_b")).isFalse();
    assertThat(evaluator.hasBudget(TENANT, "other")).isTrue();
    evaluator.remove(TENANT, "other");
    assertThat(evaluator.hasBudget(TENANT, "other")).isFalse();
    assertThat(evaluator.hasBudgets(TENANT)).isTrue();
    evaluator.remove(TENANT, TASK);
    assertThat(evaluator.hasBudgets(TENANT)).isFalse();
  }

  @Test
  void noDataIsNotARecovery() {
    evaluator.put(budget(null, 2000L, null));
    assertThat(finish(20, 5000, false)).hasSize(1);

    clock.advance(Duration.ofHours(1));
    assertThat(evaluator.status(TENANT, TASK).orElseThrow().runs()).isZero();
    assertThat(finish(19, 100, false)).as("too few runs to say it recovered").isEmpty();
    assertThat(evaluator.status(TENANT, TASK).orElseThrow().firing()).containsExactly(BudgetKind.LATENCY_P95);
    assertThat(finish(1, 100, false)).singleElement().isInstanceOf(Resolved.class);
  }

  @Test
  void taskTypesWithoutABudgetAreNotTracked() {
    List<RunSample> runs = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      runs.add(new RunSample(TENANT, "task-" + i, "run-" + i, 9000, true, 1_000_000L, T0));
    }
    assertThat(evaluator.observe(runs, List.of())).isEmpty();
    assertThat(evaluator.trackedBudgets()).isZero();
    assertThat(evaluator.rememberedRuns()).isZero();
    assertThat(evaluator.status(TENANT, "task-1")).isEmpty();
  }

  @Test
  void manyTaskTypesAndTenantsAreJudgedApart() {
    for (int i = 0; i < 200; i++) {
      evaluator.put(budgetFor("ten_" + (i % 7), "task-" + i, null, 1000L, null));
    }
    List<RunSample> runs = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      for (int n = 0; n < 20; n++) {
        runs.add(new RunSample("ten_" + (i % 7), "task-" + i, "r" + i + "-" + n, i % 2 == 0 ? 5000 : 10, false,
            null, T0));
      }
    }
    // the same task type name in a tenant without that budget is not judged
    for (int n = 0; n < 20; n++) {
      runs.add(new RunSample("ten_other", "task-0", "x" + n, 5000, false, null, T0));
    }

    List<BudgetTransition> fired = evaluator.observe(runs, List.of());

    assertThat(fired).hasSize(100).allSatisfy(t -> {
      int task = Integer.parseInt(t.taskType().substring(5));
      assertThat(task % 2).isZero();
      assertThat(t.tenantId()).isEqualTo("ten_" + (task % 7));
    });
    assertThat(evaluator.trackedBudgets()).isEqualTo(200);
  }

  @Test
  void memoryStaysBoundedWhateverTheTraffic() {
    TaskBudgetEvaluator small = new TaskBudgetEvaluator(clock, 1000);
    small.put(budget(10L, 2000L, 0.5));
    Random random = new Random(42);
    long peak = 0;
    for (int minute = 0; minute < 120; minute++) {
      List<RunSample> runs = new ArrayList<>();
      for (int i = 0; i < 5000; i++) {
        long latency = (long) Math.abs(random.nextGaussian() * 3_600_000) + random.nextInt(86_400_000);
        runs.add(new RunSample(TENANT, TASK, "run-" + minute + "-" + i, latency, random.nextBoolean(),
            (long) random.nextInt(100), clock.instant()));
      }
      small.observe(runs, List.of());
      peak = Math.max(peak, small.windowFootprintBytes());
      clock.advance(Duration.ofMinutes(1));
    }

    assertThat(small.rememberedRuns()).as("fired and finished runs, each bounded").isEqualTo(2000);
    // ten buckets and a total, each at most about 11 KB for durations up to 24 h at 1% precision
    assertThat(peak).isLessThan(11 * 12 * 1024L);
    assertThat(small.status(TENANT, TASK).orElseThrow().runs()).isLessThanOrEqualTo(15 * 5000L);
  }

  @Test
  void loweringALimitJudgesTheRunsAlreadyInTheWindow() {
    evaluator.put(budget(null, 2000L, null));
    assertThat(finish(20, 1500, false)).isEmpty();

    List<BudgetTransition> lowered = evaluator.put(budget(null, 1000L, null));
    assertThat(lowered).singleElement().isInstanceOf(Fired.class);

    List<BudgetTransition> raised = evaluator.put(budget(null, 3000L, null));
    assertThat(raised).singleElement().isInstanceOf(Resolved.class);
  }

  @Test
  void droppingAFiringLimitOrTheBudgetResolvesIt() {
    evaluator.put(budget(null, 2000L, 0.1));
    assertThat(finish(20, 5000, true)).hasSize(2);

    List<BudgetTransition> dropped = evaluator.put(budget(null, null, 0.1));
    assertThat(dropped).singleElement().satisfies(t -> {
      assertThat(t).isInstanceOf(Resolved.class);
      assertThat(t.kind()).isEqualTo(BudgetKind.LATENCY_P95);
      assertThat(t.observed()).isNull();
      assertThat(t.message()).contains("no longer limits it");
    });

    List<BudgetTransition> deleted = evaluator.remove(TENANT, TASK);
    assertThat(deleted).singleElement().satisfies(t -> {
      assertThat(t.kind()).isEqualTo(BudgetKind.ERROR_RATE);
      assertThat(t.message()).contains("was deleted");
    });
    assertThat(evaluator.remove(TENANT, TASK)).isEmpty();
    assertThat(finish(20, 5000, true)).isEmpty();
  }

  @Test
  void aNewWindowLengthStartsAnEmptyWindowButKeepsWhatIsFiring() {
    evaluator.put(budget(null, 2000L, null));
    assertThat(finish(20, 5000, false)).hasSize(1);

    TaskBudget longer = new TaskBudget(TENANT, TASK, null, 2000L, null, Duration.ofHours(1), 20, T0, T0);
    assertThat(evaluator.put(longer)).isEmpty();
    assertThat(evaluator.status(TENANT, TASK).orElseThrow().runs()).isZero();
    assertThat(evaluator.status(TENANT, TASK).orElseThrow().firing()).containsExactly(BudgetKind.LATENCY_P95);
    assertThat(finish(20, 100, false)).singleElement().isInstanceOf(Resolved.class);
  }

  @Test
  void aRestoredFiringLimitResolvesOnRecoveryAndOneWithoutBudgetResolvesAtOnce() {
    evaluator.put(budget(null, 2000L, null));
    assertThat(evaluator.restoreFiring(TENANT, TASK, BudgetKind.LATENCY_P95, 2000)).isEmpty();

    assertThat(finish(20, 5000, false)).as("already firing").isEmpty();
    clock.advance(Duration.ofMinutes(16));
    assertThat(finish(20, 100, false)).singleElement().isInstanceOf(Resolved.class);

    List<BudgetTransition> orphan = evaluator.restoreFiring(TENANT, "gone", BudgetKind.ERROR_RATE, 0.1);
    assertThat(orphan).singleElement().satisfies(t -> {
      assertThat(t).isInstanceOf(Resolved.class);
      assertThat(t.taskType()).isEqualTo("gone");
      assertThat(t.threshold()).isEqualTo(0.1);
    });
    assertThat(evaluator.restoreFiring(TENANT, TASK, BudgetKind.TOKENS_PER_RUN, 1)).isEmpty();
  }

  @Test
  void statusReportsTheWindow() {
    evaluator.put(budget(null, 2000L, 0.5));
    assertThat(evaluator.status(TENANT, TASK).orElseThrow())
        .isEqualTo(new WindowStatus(0, 0, null, null, java.util.Set.of()));

    finish(3, 120, true);
    finish(1, 40, false);

    WindowStatus status = evaluator.status(TENANT, TASK).orElseThrow();
    assertThat(status.runs()).isEqualTo(4);
    assertThat(status.errors()).isEqualTo(3);
    assertThat(status.p95LatencyMs()).isEqualTo(120);
    assertThat(status.errorRate()).isEqualTo(0.75);
    assertThat(status.firing()).isEmpty();

    evaluator.put(budget(500L, null, null));
    assertThat(evaluator.status(TENANT, TASK).orElseThrow().runs()).as("no window without window limits").isZero();
  }

  private List<BudgetTransition> finish(int count, long durationMillis, boolean error) {
    List<RunSample> runs = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      runs.add(sample(durationMillis, error, null, clock.instant()));
    }
    return evaluator.observe(runs, List.of());
  }

  private RunSample sample(long durationMillis, boolean error, Long tokens, Instant at) {
    return new RunSample(TENANT, TASK, "run-" + (++runNumber), durationMillis, error, tokens, at);
  }

  private RunSample sample(String runId, long durationMillis, boolean error, Long tokens) {
    return new RunSample(TENANT, TASK, runId, durationMillis, error, tokens, clock.instant());
  }

  private RunTokens tokens(String runId, long total) {
    return new RunTokens(TENANT, TASK, runId, total, clock.instant());
  }

  private static TaskBudget budget(Long tokens, Long p95, Double errorRate) {
    return budgetFor(TENANT, TASK, tokens, p95, errorRate);
  }

  private static TaskBudget budgetFor(String tenant, String task, Long tokens, Long p95, Double errorRate) {
    return new TaskBudget(tenant, task, tokens, p95, errorRate, TaskBudget.DEFAULT_WINDOW,
        TaskBudget.DEFAULT_MIN_SAMPLES, T0, T0);
  }
}
