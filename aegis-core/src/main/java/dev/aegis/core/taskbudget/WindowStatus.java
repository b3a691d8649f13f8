package dev.aegis.core.taskbudget;

import java.util.Set;

/**
 * Where a task type stands against its budget right now.
 *
 * @param runs finished runs in the window
 * @param errors of those, how many ended in error
 * @param p95LatencyMs the 95th percentile of their durations (to within 1%), or null without runs
 * @param errorRate errors divided by runs, or null without runs
 * @param firing the windowed kinds that are over budget
 */
public record WindowStatus(long runs, long errors, Long p95LatencyMs, Double errorRate, Set<BudgetKind> firing) {
  public WindowStatus {
    firing = Set.copyOf(firing);
  }
}
