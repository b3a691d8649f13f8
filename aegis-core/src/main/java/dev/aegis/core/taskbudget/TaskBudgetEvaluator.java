package dev.aegis.core.taskbudget;

import dev.aegis.core.taskbudget.BudgetTransition.Fired;
import dev.aegis.core.taskbudget.BudgetTransition.Resolved;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks finished runs and running token totals against task budgets as they arrive, and says when a limit is
 * crossed or recovers. Only task types with a budget are tracked; each tracked window has bounded memory, and the
 * set of runs that already fired for tokens is bounded too. Thread-safe; every method is short.
 *
 * <p>Each windowed limit of each budget is either within budget or firing; only a change between the two is a
 * transition, so a crossing or a recovery is reported exactly once. A window with fewer than the budget's
 * {@code minSamples} runs is not judged either way: no data is not a recovery.
 */
public final class TaskBudgetEvaluator {
  public static final int DEFAULT_MAX_REMEMBERED_RUNS = 100_000;

  private final Clock clock;
  private final Map<Key, Tracked> tracked = new HashMap<>();
  /** Changed under the lock, read without it: ingest asks before it hands anything over. */
  private final Map<String, Integer> budgetsPerTenant = new ConcurrentHashMap<>();
  private final RecentRuns firedRuns;
  private final RecentRuns finishedRuns;

  public TaskBudgetEvaluator(Clock clock) {
    this(clock, DEFAULT_MAX_REMEMBERED_RUNS);
  }

  /**
   * @param maxRememberedRuns how many runs are remembered as having fired for tokens (so they do not fire again)
   *     and as finished (so a run reported twice counts once)
   */
  public TaskBudgetEvaluator(Clock clock, int maxRememberedRuns) {
    this.clock = clock;
    this.firedRuns = new RecentRuns(maxRememberedRuns);
    this.finishedRuns = new RecentRuns(maxRememberedRuns);
  }

  /**
   * Adds or replaces a budget; takes effect at once. The runs already in the window are judged against the new
   * limits (a changed window length starts an empty window), and a firing limit that the new budget drops resolves.
   */
  public synchronized List<BudgetTransition> put(TaskBudget budget) {
    Key key = new Key(budget.tenantId(), budget.taskType());
    Tracked existing = tracked.get(key);
    if (existing == null) {
      tracked.put(key, new Tracked(budget));
      budgetsPerTenant.merge(budget.tenantId(), 1, Integer::sum);
      return List.of();
    }
    List<BudgetTransition> out = new ArrayList<>();
    Instant now = clock.instant();
    TaskBudget old = existing.budget;
    for (BudgetKind kind : existing.firing.toArray(BudgetKind[]::new)) {
      if (!budget.limits(kind)) {
        existing.firing.remove(kind);
        out.add(resolvedWithoutData(old, kind, now, "the task budget no longer limits it"));
      }
    }
    existing.budget = budget;
    if (!budget.limitsWindow()) {
      existing.window = null;
    } else if (existing.window == null || !old.window().equals(budget.window())) {
      existing.window = new RunWindow(budget.window());
    }
    judge(existing, now, out);
    return out;
  }

  /** Forgets a budget; its firing limits resolve. */
  public synchronized List<BudgetTransition> remove(String tenantId, String taskType) {
    Tracked gone = tracked.remove(new Key(tenantId, taskType));
    if (gone == null) {
      return List.of();
    }
    budgetsPerTenant.computeIfPresent(tenantId, (tenant, count) -> count == 1 ? null : count - 1);
    List<BudgetTransition> out = new ArrayList<>();
    for (BudgetKind kind : gone.firing) {
      out.add(resolvedWithoutData(gone.budget, kind, clock.instant(), "the task budget was deleted"));
    }
    return out;
  }

  /**
   * Marks a windowed limit as firing without a transition, for an alert that was still firing when the server
   * stopped. When no budget limits it any more, it resolves at once.
   */
  public synchronized List<BudgetTransition> restoreFiring(
      String tenantId, String taskType, BudgetKind kind, double threshold) {
    if (!kind.windowed()) {
      return List.of();
    }
    Tracked t = tracked.get(new Key(tenantId, taskType));
    if (t == null || !t.budget.limits(kind)) {
      String message = describe(kind, taskType) + " is no longer limited by a task budget; resolved";
      return List.of(new Resolved(tenantId, taskType, kind, null, threshold, null, 0, clock.instant(), message));
    }
    t.firing.add(kind);
    return List.of();
  }

  /** Takes in what the ingest path reported and returns the transitions it caused, in order. */
  public synchronized List<BudgetTransition> observe(List<RunSample> finished, List<RunTokens> tokenTotals) {
    Instant now = clock.instant();
    List<BudgetTransition> out = new ArrayList<>();
    for (RunTokens tokens : tokenTotals) {
      Tracked t = tracked.get(new Key(tokens.tenantId(), tokens.taskType()));
      if (t != null) {
        checkTokens(t, tokens.runId(), tokens.totalTokens(), now, out);
      }
    }
    Set<Tracked> touched = new LinkedHashSet<>();
    for (RunSample run : finished) {
      Tracked t = tracked.get(new Key(run.tenantId(), run.taskType()));
      if (t == null) {
        continue;
      }
      if (run.totalTokens() != null) {
        checkTokens(t, run.runId(), run.totalTokens(), now, out);
      }
      if (t.window != null && finishedRuns.add(run.tenantId(), run.runId())
          && t.window.record(run.at(), now, run.durationMillis(), run.error())) {
        touched.add(t);
      }
    }
    for (Tracked t : touched) {
      judge(t, now, out);
    }
    return out;
  }

  /** How the task type stands against its budget now; empty when it has no budget. */
  public synchronized Optional<WindowStatus> status(String tenantId, String taskType) {
    Tracked t = tracked.get(new Key(tenantId, taskType));
    if (t == null) {
      return Optional.empty();
    }
    if (t.window == null) {
      return Optional.of(new WindowStatus(0, 0, null, null, t.firing));
    }
    t.window.expire(clock.instant());
    long runs = t.window.runs();
    return Optional.of(new WindowStatus(runs, t.window.errors(), runs == 0 ? null : t.window.p95(),
        runs == 0 ? null : t.window.errorRate(), t.firing));
  }

  /** How many budgets are tracked. */
  public synchronized int trackedBudgets() {
    return tracked.size();
  }

  /** How many runs are remembered, as having fired for tokens or as finished. */
  public synchronized int rememberedRuns() {
    return firedRuns.size() + finishedRuns.size();
  }

  /** Whether the tenant has any budget, so that callers can skip work for tenants without one; never blocks. */
  public boolean hasBudgets(String tenantId) {
    return budgetsPerTenant.containsKey(tenantId);
  }

  /** Whether the tenant has a budget for the task type. */
  public synchronized boolean hasBudget(String tenantId, String taskType) {
    return tracked.containsKey(new Key(tenantId, taskType));
  }

  /** Bytes held by all windows' histograms, for tests of the memory bound. */
  synchronized long windowFootprintBytes() {
    return tracked.values().stream().filter(t -> t.window != null).mapToLong(t -> t.window.footprintBytes()).sum();
  }

  private void checkTokens(Tracked t, String runId, long totalTokens, Instant now, List<BudgetTransition> out) {
    Long max = t.budget.maxTokensPerRun();
    if (max == null || totalTokens <= max || !firedRuns.add(t.budget.tenantId(), runId)) {
      return;
    }
    String message = "Run " + runId + " of " + t.budget.taskType() + " used " + totalTokens
        + " tokens, over the budget of " + max + " per run";
    out.add(new Fired(t.budget.tenantId(), t.budget.taskType(), BudgetKind.TOKENS_PER_RUN, runId,
        (double) totalTokens, max, null, 1, now, message));
  }

  private void judge(Tracked t, Instant now, List<BudgetTransition> out) {
    RunWindow window = t.window;
    if (window == null) {
      return;
    }
    window.expire(now);
    TaskBudget b = t.budget;
    long runs = window.runs();
    if (runs < b.minSamples()) {
      return;
    }
    if (b.p95LatencyMs() != null) {
      long p95 = window.p95();
      boolean over = p95 > b.p95LatencyMs();
      String measured = "p95 latency of " + b.taskType() + " is " + p95 + " ms over the last "
          + TaskBudget.formatWindow(b.window()) + " (" + runs + " runs)";
      transition(t, BudgetKind.LATENCY_P95, over, p95, b.p95LatencyMs(), runs, now,
          measured + ", above the budget of " + b.p95LatencyMs() + " ms",
          measured + ", back within the budget of " + b.p95LatencyMs() + " ms", out);
    }
    if (b.maxErrorRate() != null) {
      double rate = window.errorRate();
      boolean over = rate > b.maxErrorRate();
      String measured = "error rate of " + b.taskType() + " is " + percent(rate) + " over the last "
          + TaskBudget.formatWindow(b.window()) + " (" + window.errors() + " of " + runs + " runs failed)";
      transition(t, BudgetKind.ERROR_RATE, over, rate, b.maxErrorRate(), runs, now,
          measured + ", above the budget of " + percent(b.maxErrorRate()),
          measured + ", back within the budget of " + percent(b.maxErrorRate()), out);
    }
  }

  private static void transition(
      Tracked t, BudgetKind kind, boolean over, double observed, double threshold, long runs, Instant now,
      String firedMessage, String resolvedMessage, List<BudgetTransition> out) {
    TaskBudget b = t.budget;
    if (over && t.firing.add(kind)) {
      out.add(new Fired(b.tenantId(), b.taskType(), kind, null, observed, threshold, b.window(), runs, now,
          firedMessage));
    } else if (!over && t.firing.remove(kind)) {
      out.add(new Resolved(b.tenantId(), b.taskType(), kind, observed, threshold, b.window(), runs, now,
          resolvedMessage));
    }
  }

  private static Resolved resolvedWithoutData(TaskBudget budget, BudgetKind kind, Instant now, String why) {
    double threshold = kind == BudgetKind.LATENCY_P95 ? budget.p95LatencyMs() : budget.maxErrorRate();
    return new Resolved(budget.tenantId(), budget.taskType(), kind, null, threshold, budget.window(), 0, now,
        describe(kind, budget.taskType()) + " is no longer judged: " + why);
  }

  private static String describe(BudgetKind kind, String taskType) {
    return switch (kind) {
      case LATENCY_P95 -> "p95 latency of " + taskType;
      case ERROR_RATE -> "error rate of " + taskType;
      case TOKENS_PER_RUN -> "tokens per run of " + taskType;
    };
  }

  private static String percent(double rate) {
    String text = String.format(java.util.Locale.ROOT, "%.1f", rate * 100);
    return (text.endsWith(".0") ? text.substring(0, text.length() - 2) : text) + "%";
  }

  private record Key(String tenantId, String taskType) {}

  private static final class Tracked {
    TaskBudget budget;
    RunWindow window;
    final Set<BudgetKind> firing = EnumSet.noneOf(BudgetKind.class);

    Tracked(TaskBudget budget) {
      this.budget = budget;
      this.window = budget.limitsWindow() ? new RunWindow(budget.window()) : null;
    }
  }

  /** Runs already seen for one purpose, oldest forgotten first beyond the bound. */
  private static final class RecentRuns {
    private final int max;
    private final LinkedHashMap<String, Boolean> runs;

    RecentRuns(int max) {
      this.max = max;
      this.runs = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
          return size() > RecentRuns.this.max;
        }
      };
    }

    /** True when the run was not remembered yet (and now is). */
    boolean add(String tenantId, String runId) {
      return runs.putIfAbsent(tenantId + '\n' + runId, Boolean.TRUE) == null;
    }

    int size() {
      return runs.size();
    }
  }
}
