package dev.aegis.server.query;

import dev.aegis.core.telemetry.Run;
import dev.aegis.core.trace.SpanTree;
import dev.aegis.core.trace.Timeline;
import dev.aegis.core.trace.TimelineEntry;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;

/** {@code GET /api/v1/runs/{run_id}/trace} (the span tree) and {@code /runs/{run_id}/timeline}. */
final class TraceRoutes {
  private final RunReads reads;

  TraceRoutes(RunReads reads) {
    this.reads = reads;
  }

  void trace(Context ctx) {
    String tenantId = ReadAccess.tenantOf(ctx);
    QueryParams params = QueryParams.of(ctx, List.of("scope"));
    RunReads.Scope scope = RunReads.Scope.read(params);
    params.throwIfInvalid();
    Run run = reads.find(tenantId, ctx.pathParam("run_id"));
    RunReads.Read read = reads.read(tenantId, run, scope);
    SpanTree tree = SpanTree.build(read.spans(), read.toolCalls(), read.prompts(), read.events(),
        SpanTree.DEFAULT_MAX_DEPTH);
    ctx.json(TraceView.of(RunView.of(run), scope.wireName(), read.traceId(), tree, read.total(), reads.maxSpans()));
  }

  void timeline(Context ctx) {
    String tenantId = ReadAccess.tenantOf(ctx);
    QueryParams params = QueryParams.of(ctx, List.of("scope"));
    RunReads.Scope scope = RunReads.Scope.read(params);
    params.throwIfInvalid();
    Run run = reads.find(tenantId, ctx.pathParam("run_id"));
    RunReads.Read read = reads.read(tenantId, run, scope);
    List<TimelineEntry> entries = Timeline.of(read.spans(), read.toolCalls(), read.prompts(), read.events());
    List<TimelineView.EntryView> views = new ArrayList<>(entries.size());
    entries.forEach(e -> views.add(TimelineView.EntryView.of(e)));
    ctx.json(new TimelineView(run.runId(), scope.wireName(), read.traceId(), read.spans().size(), read.total(),
        read.truncated(), views));
  }
}
