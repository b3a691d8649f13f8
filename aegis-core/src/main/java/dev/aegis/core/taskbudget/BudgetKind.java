package dev.aegis.core.taskbudget;

import java.util.Optional;

/** What a task budget limits; each kind raises its own alerts, named by {@link #wireName()}. */
public enum BudgetKind {
  /** Total tokens of one run; fires once per run that goes over, and never resolves. */
  TOKENS_PER_RUN("task_budget.tokens_per_run", false),
  /** The 95th percentile of run durations over the budget's window. */
  LATENCY_P95("task_budget.latency_p95", true),
  /** The share of runs that ended in error over the budget's window. */
  ERROR_RATE("task_budget.error_rate", true);

  private final String wireName;
  private final boolean windowed;

  BudgetKind(String wireName, boolean windowed) {
    this.wireName = wireName;
    this.windowed = windowed;
  }

  /** The alert kind on the wire, such as {@code task_budget.latency_p95}. */
  public String wireName() {
    return wireName;
  }

  /** Whether the kind is measured over a sliding window (and so has a firing/resolved state). */
  public boolean windowed() {
    return windowed;
  }

  public static Optional<BudgetKind> fromWire(String name) {
    for (BudgetKind kind : values()) {
      if (kind.wireName.equals(name)) {
        return Optional.of(kind);
      }
    }
    return Optional.empty();
  }
}
