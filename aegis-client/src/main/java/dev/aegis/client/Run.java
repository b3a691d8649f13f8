package dev.aegis.client;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.List;

/**
 * One run of an agent, summed up over its spans: who ran what, how it went and what it cost.
 *
 * @param runId the {@code run.id} its spans carry, else its trace id
 * @param parentRunId the run that started it, or null
 * @param status {@code ok}, or {@code error} as soon as one of its spans failed
 * @param durationMs from its earliest span start to its latest span end
 * @param models the models its spans used, sorted
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Run(
    String runId,
    String traceId,
    String parentRunId,
    String agentId,
    String agentName,
    String agentVersion,
    String taskType,
    String stage,
    String serviceName,
    String environment,
    String region,
    String conversationId,
    String status,
    Instant startedAt,
    Instant endedAt,
    double durationMs,
    long inputTokens,
    long outputTokens,
    long cachedInputTokens,
    long totalTokens,
    long spanCount,
    long errorCount,
    long toolCallCount,
    List<String> models) {
  public Run {
    models = models == null ? List.of() : List.copyOf(models);
  }

  public boolean failed() {
    return "error".equals(status);
  }
}
