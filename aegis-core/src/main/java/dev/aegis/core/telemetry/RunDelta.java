package dev.aegis.core.telemetry;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What one span (or several, merged) adds to its run. The store sums the deltas of the spans it actually
 * inserted, so a span delivered twice counts once. Descriptive fields keep the first value seen.
 */
public record RunDelta(
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
    long startUnixNanos,
    long endUnixNanos,
    long inputTokens,
    long outputTokens,
    long cachedInputTokens,
    long spanCount,
    long errorCount,
    long toolCallCount,
    SortedSet<String> models) {
  public RunDelta {
    models = models == null ? new TreeSet<>() : java.util.Collections.unmodifiableSortedSet(new TreeSet<>(models));
  }

  /** This delta and a later one of the same run added up. */
  public RunDelta plus(RunDelta later) {
    if (!Objects.equals(tenantId, later.tenantId) || !Objects.equals(runId, later.runId)) {
      throw new IllegalArgumentException("deltas of different runs: " + runId + ", " + later.runId);
    }
    TreeSet<String> allModels = new TreeSet<>(models);
    allModels.addAll(later.models);
    return new RunDelta(tenantId, runId,
        first(traceId, later.traceId),
        first(parentRunId, later.parentRunId),
        first(agentId, later.agentId),
        first(agentName, later.agentName),
        first(agentVersion, later.agentVersion),
        first(taskType, later.taskType),
        first(stage, later.stage),
        first(serviceName, later.serviceName),
        first(environment, later.environment),
        first(region, later.region),
        first(conversationId, later.conversationId),
        Math.min(startUnixNanos, later.startUnixNanos),
        Math.max(endUnixNanos, later.endUnixNanos),
        inputTokens + later.inputTokens,
        outputTokens + later.outputTokens,
        cachedInputTokens + later.cachedInputTokens,
        spanCount + later.spanCount,
        errorCount + later.errorCount,
        toolCallCount + later.toolCallCount,
        allModels);
  }

  /** The run as if this delta were all of it. */
  public Run toRun() {
    return new Run(tenantId, runId, traceId, parentRunId, agentId, agentName, agentVersion, taskType, stage,
        serviceName, environment, region, conversationId, errorCount > 0 ? RunStatus.ERROR : RunStatus.OK,
        Nanos.toInstant(startUnixNanos), Nanos.toInstant(endUnixNanos), inputTokens, outputTokens,
        cachedInputTokens, spanCount, errorCount, toolCallCount, List.copyOf(models));
  }

  private static String first(String earlier, String later) {
    return earlier != null ? earlier : later;
  }
}
