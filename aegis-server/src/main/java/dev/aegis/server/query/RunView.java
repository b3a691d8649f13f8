package dev.aegis.server.query;

import dev.aegis.core.telemetry.Run;
import dev.aegis.core.trace.Durations;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** A run as the API shows it: who ran what, how it went, and what it cost. */
record RunView(
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

  static RunView of(Run run) {
    long nanos = Duration.between(run.startedAt(), run.endedAt()).toNanos();
    return new RunView(run.runId(), run.traceId(), run.parentRunId(), run.agentId(), run.agentName(),
        run.agentVersion(), run.taskType(), run.stage(), run.serviceName(), run.environment(), run.region(),
        run.conversationId(), run.status().wireName(), run.startedAt(), run.endedAt(), Durations.millis(nanos),
        run.inputTokens(), run.outputTokens(), run.cachedInputTokens(), run.totalTokens(), run.spanCount(),
        run.errorCount(), run.toolCallCount(), run.models());
  }
}
