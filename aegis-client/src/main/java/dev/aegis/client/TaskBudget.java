package dev.aegis.client;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.List;

/**
 * A task budget as the server shows it, with where its task type stands right now.
 *
 * @param taskType the runs' {@code task.type}, such as {@code document-summarize}
 * @param maxTokensPerRun null when tokens are not checked
 * @param p95LatencyMs null when latency is not checked
 * @param maxErrorRate from 0 to 1; null when the error rate is not checked
 * @param window such as {@code 15m}
 * @param status the current window as this server has seen it since it started; null if it did not say
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record TaskBudget(
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
   * The task type's finished runs in the current window.
   *
   * @param errors how many of the runs failed
   * @param p95LatencyMs their 95th percentile duration, null without runs
   * @param errorRate errors divided by runs, null without runs
   * @param firing the alert kinds firing for this task type, such as {@code task_budget.latency_p95}
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Status(long runs, long errors, Long p95LatencyMs, Double errorRate, List<String> firing) {
    public Status {
      firing = firing == null ? List.of() : List.copyOf(firing);
    }
  }
}
