package dev.aegis.core.telemetry;

import dev.aegis.core.page.Page;
import dev.aegis.core.page.PageRequest;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Stores spans and what is derived from them (runs, tool calls, prompt snapshots, run events), and answers the
 * queries of the trace-first API. Every read is scoped to one tenant.
 */
public interface TelemetryStore {
  /** The most rows a list read returns, whatever limit is asked for. */
  int MAX_LIST = 10_000;

  /**
   * Writes every batch in one transaction: all of it or nothing. A span already stored (same tenant, trace id and
   * span id) is skipped with everything derived from it, and adds nothing to its run, so an exporter's retry is
   * harmless.
   *
   * @return how many spans were new
   */
  int write(List<SpanBatch> batches);

  Optional<Run> run(String tenantId, String runId);

  /**
   * One page of runs that match the filter, newest start first, then by run id. The page's
   * {@code nextAfterId} is a {@link RunCursor} text; pass it back as {@code afterId}.
   *
   * @throws IllegalArgumentException when {@code afterId} is not a {@link RunCursor} text
   */
  Page<Run> runs(String tenantId, RunFilter filter, PageRequest page);

  /** The runs whose {@code parent_run_id} is this run, by run id. */
  Page<Run> childRuns(String tenantId, String parentRunId, PageRequest page);

  /** The runs that have spans in this trace, by start time. */
  List<Run> runsOfTrace(String tenantId, String traceId);

  /** A run's spans by start time, at most {@code limit} (capped at {@link #MAX_LIST}). */
  List<Span> spansOfRun(String tenantId, String runId, int limit);

  /** A trace's spans by start time, at most {@code limit} (capped at {@link #MAX_LIST}). */
  List<Span> spansOfTrace(String tenantId, String traceId, int limit);

  Optional<Span> span(String tenantId, String traceId, String spanId);

  /** The run of each of these spans that is stored; missing spans are absent from the map. */
  Map<SpanKey, String> runIdsOf(String tenantId, Collection<SpanKey> spans);

  /** A run's tool calls by start time. */
  List<ToolCall> toolCallsOfRun(String tenantId, String runId, int limit);

  /** A run's prompt snapshots by time. */
  List<PromptSnapshot> promptSnapshotsOfRun(String tenantId, String runId, int limit);

  /** Prompt snapshots with this prompt hash, newest first. */
  List<PromptSnapshot> promptSnapshotsByHash(String tenantId, String promptHash, int limit);

  /** A run's {@code aegis.*} events by time. */
  List<RunEvent> runEventsOfRun(String tenantId, String runId, int limit);

  /** The runs with these ids that are stored, by start time then run id; ids not stored are left out. */
  List<Run> runsByIds(String tenantId, Collection<String> runIds);

  /**
   * The ancestors of a run: its parent, the parent's parent, and so on, nearest first, at most {@code maxDepth}
   * of them. The chain stops at a run without a parent, at a parent that is not stored, and before a run that is
   * already in it (a cycle of {@code parent_run_id}s); an unknown run has none.
   */
  List<Run> ancestors(String tenantId, String runId, int maxDepth);

  /** How many runs have this run as their {@code parent_run_id}. */
  long childRunCount(String tenantId, String parentRunId);

  /** How many spans of this trace are stored. */
  long spanCountOfTrace(String tenantId, String traceId);

  /** A trace's tool calls by start time, at most {@code limit} (capped at {@link #MAX_LIST}). */
  List<ToolCall> toolCallsOfTrace(String tenantId, String traceId, int limit);

  /** A trace's prompt snapshots by time, at most {@code limit} (capped at {@link #MAX_LIST}). */
  List<PromptSnapshot> promptSnapshotsOfTrace(String tenantId, String traceId, int limit);

  /** A trace's {@code aegis.*} events by time, at most {@code limit} (capped at {@link #MAX_LIST}). */
  List<RunEvent> runEventsOfTrace(String tenantId, String traceId, int limit);

  /**
   * Deletes up to {@code maxRuns} runs of the tenant that ended before the cutoff (oldest first, fewer when they
   * hold many spans), with their spans, tool calls, prompt snapshots and events, in one short transaction. Call
   * again until it returns 0.
   *
   * @return how many runs were deleted
   */
  int purgeRunsEndedBefore(String tenantId, Instant cutoff, int maxRuns);
}
