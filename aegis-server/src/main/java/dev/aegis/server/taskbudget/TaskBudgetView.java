package dev.aegis.server.taskbudget;

import dev.aegis.core.taskbudget.BudgetKind;
import dev.aegis.core.taskbudget.TaskBudget;
import dev.aegis.core.taskbudget.WindowStatus;
import java.time.Instant;
import java.util.List;

/** A task budget as the API shows it, with where its task type stands right now. */
record TaskBudgetView(
    String taskType,
    Long maxTokensPerRun,
    Long p95LatencyMs,
    Double maxErrorRate,
    String window,
    int minSamples,
    Instant createdAt,
    Instant updatedAt,
    Status status) {

  /**
   * The task type's runs in the current window, as this server has seen them since it started.
   *
   * @param runs finished runs in the window
   * @param errors of those, how many failed
   * @param p95LatencyMs their 95th percentile duration, or null without runs
   * @param errorRate errors divided by runs, or null without runs
   * @param firing the alert kinds that are firing for this task type
   */
  record Status(long runs, long errors, Long p95LatencyMs, Double errorRate, List<String> firing) {
    static Status of(WindowStatus status) {
      return new Status(status.runs(), status.errors(), status.p95LatencyMs(), status.errorRate(),
          status.firing().stream().sorted().map(BudgetKind::wireName).toList());
    }
  }

  static TaskBudgetView of(TaskBudget budget, WindowStatus status) {
    return new TaskBudgetView(budget.taskType(), budget.maxTokensPerRun(), budget.p95LatencyMs(),
        budget.maxErrorRate(), TaskBudget.formatWindow(budget.window()), budget.minSamples(), budget.createdAt(),
        budget.updatedAt(), status == null ? null : Status.of(status));
  }
}
