package dev.aegis.server.query;

import dev.aegis.core.policy.DecisionLog;
import dev.aegis.core.policy.DecisionRecord;
import dev.aegis.core.telemetry.Run;
import dev.aegis.core.trace.SpanTree;
import dev.aegis.core.trace.Timeline;
import dev.aegis.core.trace.TimelineEntry;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.ContentType;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** {@code GET /api/v1/runs/{run_id}/trace} (the span tree) and {@code /runs/{run_id}/timeline}. */
final class TraceRoutes {
  private final RunReads reads;
  private final DecisionLog decisions;
  private final TraceJson traceJson;

  TraceRoutes(RunReads reads, DecisionLog decisions, ObjectMapper mapper) {
    this.reads = reads;
    this.decisions = decisions;
    this.traceJson = new TraceJson(mapper);
  }

  void trace(Context ctx) throws IOException {
    String tenantId = ReadAccess.tenantOf(ctx);
    QueryParams params = QueryParams.of(ctx, List.of("scope"));
    RunReads.Scope scope = RunReads.Scope.read(params);
    params.throwIfInvalid();
    Run run = reads.find(tenantId, ctx.pathParam("run_id"));
    RunReads.Read read = reads.read(tenantId, run, scope);
    SpanTree tree = SpanTree.build(read.spans(), read.toolCalls(), read.prompts(), read.events(),
        SpanTree.DEFAULT_MAX_DEPTH);
    // everything is read before the first byte goes out, so a failed read is still a problem answer
    ctx.status(200).contentType(ContentType.APPLICATION_JSON);
    traceJson.write(ctx.outputStream(), RunView.of(run), scope.wireName(), read.traceId(), tree, read.total(),
        reads.maxSpans());
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
    List<DecisionRecord> logged = decisions.byRun(tenantId, run.runId(), reads.maxSpans());
    if (!logged.isEmpty()) {
      logged.forEach(d -> views.add(TimelineView.EntryView.of(d)));
      // a stable sort: at the same instant, what the run reported comes before the decision logged beside it
      views.sort(java.util.Comparator.comparing(TimelineView.EntryView::at));
    }
    ctx.json(new TimelineView(run.runId(), scope.wireName(), read.traceId(), read.spans().size(), read.total(),
        read.truncated(), views));
  }
}
