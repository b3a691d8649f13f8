package dev.aegis.client;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * The body of {@code PUT /api/v1/task-budgets/{task_type}}: what a task budget should be. Null fields are left out
 * of the request, so the server applies its defaults ({@code window}, {@code min_samples}) or does not check the
 * limit. At least one of the three limits must be set.
 *
 * <pre>{@code
 * TaskBudgetSpec.limits().withP95LatencyMs(2000).withMaxErrorRate(0.05).withWindow("15m")
 * }</pre>
 *
 * @param maxTokensPerRun most tokens one run may use, 1 to 10^12
 * @param p95LatencyMs most milliseconds the window's p95 run time may be, 1 to 86400000
 * @param maxErrorRate highest share of the window's runs that may fail, 0 to 1
 * @param window how far back latency and error rate look, such as {@code 15m}: 1m to 24h
 * @param minSamples fewest runs in the window before latency and error rate are judged, 1 to 10000
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TaskBudgetSpec(
    Long maxTokensPerRun, Long p95LatencyMs, Double maxErrorRate, String window, Integer minSamples) {

  /** No limits yet and the server's defaults; add at least one limit with the {@code with...} methods. */
  public static TaskBudgetSpec limits() {
    return new TaskBudgetSpec(null, null, null, null, null);
  }

  public TaskBudgetSpec withMaxTokensPerRun(long tokens) {
    return new TaskBudgetSpec(tokens, p95LatencyMs, maxErrorRate, window, minSamples);
  }

  public TaskBudgetSpec withP95LatencyMs(long millis) {
    return new TaskBudgetSpec(maxTokensPerRun, millis, maxErrorRate, window, minSamples);
  }

  public TaskBudgetSpec withMaxErrorRate(double rate) {
    return new TaskBudgetSpec(maxTokensPerRun, p95LatencyMs, rate, window, minSamples);
  }

  /** Such as {@code 90s}, {@code 15m} or {@code 1h}. */
  public TaskBudgetSpec withWindow(String window) {
    return new TaskBudgetSpec(maxTokensPerRun, p95LatencyMs, maxErrorRate, window, minSamples);
  }

  public TaskBudgetSpec withMinSamples(int samples) {
    return new TaskBudgetSpec(maxTokensPerRun, p95LatencyMs, maxErrorRate, window, samples);
  }
}
