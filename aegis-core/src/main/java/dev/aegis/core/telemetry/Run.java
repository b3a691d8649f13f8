package dev.aegis.core.telemetry;

import java.time.Instant;
import java.util.List;

/**
 * One run of an agent: every span that carries (or inherits) its {@code run.id}, summed up.
 *
 * @param runId the {@code run.id} its spans carry, else the trace id of a trace without one
 * @param traceId the trace of the first span stored for it
 * @param parentRunId the run that started this one ({@code parent_run_id}), or null
 * @param agentId {@code agent.id} or {@code gen_ai.agent.id}
 * @param agentName {@code gen_ai.agent.name} or {@code agent.name}
 * @param agentVersion {@code agent.version} or {@code gen_ai.agent.version}
 * @param taskType {@code task.type}
 * @param stage the workflow stage ({@code workflow.stage}, {@code stage})
 * @param serviceName the resource's {@code service.name}
 * @param environment {@code deployment_env} or {@code deployment.environment[.name]}
 * @param region {@code region} or {@code cloud.region}
 * @param conversationId {@code gen_ai.conversation.id}
 * @param status error as soon as one span failed
 * @param startedAt the earliest span start
 * @param endedAt the latest span end
 * @param inputTokens input tokens of its model calls
 * @param outputTokens output tokens of its model calls
 * @param cachedInputTokens input tokens served from a provider's cache
 * @param spanCount how many spans it has
 * @param errorCount how many of them failed
 * @param toolCallCount how many of them are tool calls
 * @param models the model names its spans used, sorted
 */
public record Run(
    String tenantId,
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
    RunStatus status,
    Instant startedAt,
    Instant endedAt,
    long inputTokens,
    long outputTokens,
    long cachedInputTokens,
    long spanCount,
    long errorCount,
    long toolCallCount,
    List<String> models) {
  public Run {
    models = models == null ? List.of() : List.copyOf(models);
  }

  public long totalTokens() {
    return inputTokens + outputTokens;
  }
}
