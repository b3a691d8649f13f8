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

  /**
   * The deltas of one run added up in one pass, as {@link #plus} would in their order, without the copies that
   * adding them one by one makes.
   */
  public static RunDelta sum(List<RunDelta> deltas) {
    RunDelta head = deltas.getFirst();
    if (deltas.size() == 1) {
      return head;
    }
    String[] firsts = {head.traceId, head.parentRunId, head.agentId, head.agentName, head.agentVersion, head.taskType,
        head.stage, head.serviceName, head.environment, head.region, head.conversationId};
    long start = head.startUnixNanos;
    long end = head.endUnixNanos;
    long[] sums = new long[6];
    TreeSet<String> allModels = new TreeSet<>();
    for (RunDelta d : deltas) {
      if (!Objects.equals(head.tenantId, d.tenantId) || !Objects.equals(head.runId, d.runId)) {
        throw new IllegalArgumentException("deltas of different runs: " + head.runId + ", " + d.runId);
      }
      String[] values = {d.traceId, d.parentRunId, d.agentId, d.agentName, d.agentVersion, d.taskType, d.stage,
          d.serviceName, d.environment, d.region, d.conversationId};
      for (int i = 0; i < firsts.length; i++) {
        firsts[i] = first(firsts[i], values[i]);
      }
      start = Math.min(start, d.startUnixNanos);
      end = Math.max(end, d.endUnixNanos);
      sums[0] += d.inputTokens;
      sums[1] += d.outputTokens;
      sums[2] += d.cachedInputTokens;
      sums[3] += d.spanCount;
      sums[4] += d.errorCount;
      sums[5] += d.toolCallCount;
      allModels.addAll(d.models);
    }
    return new RunDelta(head.tenantId, head.runId, firsts[0], firsts[1], firsts[2], firsts[3], firsts[4], firsts[5],
        firsts[6], firsts[7], firsts[8], firsts[9], firsts[10], start, end, sums[0], sums[1], sums[2], sums[3],
        sums[4], sums[5], allModels);
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
