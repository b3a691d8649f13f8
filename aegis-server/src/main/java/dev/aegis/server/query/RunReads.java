package dev.aegis.server.query;

import dev.aegis.core.telemetry.PromptSnapshot;
import dev.aegis.core.telemetry.Run;
import dev.aegis.core.telemetry.RunEvent;
import dev.aegis.core.telemetry.Span;
import dev.aegis.core.telemetry.TelemetryStore;
import dev.aegis.core.telemetry.ToolCall;
import dev.aegis.server.http.ProblemException;
import dev.aegis.server.http.ProblemType;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;

/**
 * What the tree and the timeline are made of, read in one query per kind: spans, tool calls, prompt snapshots and
 * control events of a run (or of its whole trace), the spans beside the rest. Never one query per span.
 */
final class RunReads {
  /** The most characters of a run id accepted in a path. */
  static final int MAX_RUN_ID = 512;

  /** Where a read runs beside the request's own thread: a virtual thread each. */
  private static final Executor ALONGSIDE = Executors.newVirtualThreadPerTaskExecutor();

  private final TelemetryStore telemetry;
  private final int maxSpans;

  RunReads(TelemetryStore telemetry, int maxSpans) {
    this.telemetry = telemetry;
    this.maxSpans = maxSpans;
  }

  int maxSpans() {
    return maxSpans;
  }

  /** The run, or 404; another tenant's run is as absent as one never sent. */
  Run find(String tenantId, String runId) {
    if (runId.length() > MAX_RUN_ID) {
      throw new ProblemException(ProblemType.NOT_FOUND,
          "There is no run with an id of " + runId.length() + " characters; run ids are at most " + MAX_RUN_ID + ".");
    }
    return telemetry.run(tenantId, runId).orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND,
        "There is no run '" + runId + "' that this key can see. List runs with GET /api/v1/runs."));
  }

  /** Which spans a tree or timeline shows. */
  enum Scope {
    /** The run's own spans. */
    RUN,
    /** Every span of the run's trace: its parent and child runs' spans too. */
    TRACE;

    String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** The scope a {@code scope} parameter names (null: run), or null after recording why it names none. */
    static Scope read(QueryParams params) {
      String raw = params.text("scope");
      if (raw == null) {
        return RUN;
      }
      for (Scope scope : values()) {
        if (scope.wireName().equals(raw)) {
          return scope;
        }
      }
      params.reject("scope", "must be run (this run's spans) or trace (every span of its trace), was '" + raw + "'");
      return null;
    }
  }

  /**
   * The spans of one scope with everything derived from them.
   *
   * @param traceId the run's (first) trace
   * @param total how many spans the scope has in the store
   */
  record Read(String traceId, List<Span> spans, List<ToolCall> toolCalls, List<PromptSnapshot> prompts,
      List<RunEvent> events, long total) {
    boolean truncated() {
      return total > spans.size();
    }
  }

  /**
   * Reads the spans on another (virtual) thread while this one reads what is derived from them: the two halves take
   * about as long, and a machine with two cores answers a 10,000-span tree in little more than half the time.
   */
  Read read(String tenantId, Run run, Scope scope) {
    if (scope == Scope.RUN) {
      CompletableFuture<List<Span>> spans =
          CompletableFuture.supplyAsync(() -> telemetry.spansOfRun(tenantId, run.runId(), maxSpans), ALONGSIDE);
      List<ToolCall> toolCalls = telemetry.toolCallsOfRun(tenantId, run.runId(), maxSpans);
      List<PromptSnapshot> prompts = telemetry.promptSnapshotsOfRun(tenantId, run.runId(), maxSpans);
      List<RunEvent> events = telemetry.runEventsOfRun(tenantId, run.runId(), TelemetryStore.MAX_LIST);
      List<Span> read = join(spans);
      return new Read(run.traceId(), read, toolCalls, prompts, events, Math.max(run.spanCount(), read.size()));
    }
    String trace = run.traceId();
    CompletableFuture<List<Span>> spans =
        CompletableFuture.supplyAsync(() -> telemetry.spansOfTrace(tenantId, trace, maxSpans), ALONGSIDE);
    List<ToolCall> toolCalls = telemetry.toolCallsOfTrace(tenantId, trace, maxSpans);
    List<PromptSnapshot> prompts = telemetry.promptSnapshotsOfTrace(tenantId, trace, maxSpans);
    List<RunEvent> events = telemetry.runEventsOfTrace(tenantId, trace, TelemetryStore.MAX_LIST);
    List<Span> read = join(spans);
    long total = read.size() < maxSpans ? read.size() : telemetry.spanCountOfTrace(tenantId, trace);
    return new Read(trace, read, toolCalls, prompts, events, total);
  }

  /** The result, or the exception the read threw (a store failure stays a store failure: 503). */
  private static <T> T join(CompletableFuture<T> read) {
    try {
      return read.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      if (e.getCause() instanceof Error cause) {
        throw cause;
      }
      throw e;
    }
  }
}
