package dev.aegis.server.query;

import dev.aegis.core.page.Cursor;
import dev.aegis.core.page.Page;
import dev.aegis.core.page.PageRequest;
import dev.aegis.core.telemetry.Run;
import dev.aegis.core.telemetry.RunCursor;
import dev.aegis.core.telemetry.RunFilter;
import dev.aegis.core.telemetry.RunStatus;
import dev.aegis.core.telemetry.TelemetryStore;
import dev.aegis.core.trace.Lineage;
import dev.aegis.server.http.Pagination;
import dev.aegis.server.http.ProblemException;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** {@code GET /api/v1/runs}, {@code /runs/{run_id}} and {@code /runs/{run_id}/children}. */
final class RunRoutes {
  static final List<String> LIST_PARAMETERS =
      List.of("agent_id", "task_type", "status", "since", "until", "has_error", "model", "limit", "cursor");
  /** How many child runs the run's own answer shows; the rest are a page away. */
  static final int CHILDREN_SHOWN = 20;

  private final TelemetryStore telemetry;
  private final RunReads reads;
  private final Clock clock;

  RunRoutes(TelemetryStore telemetry, RunReads reads, Clock clock) {
    this.telemetry = telemetry;
    this.reads = reads;
    this.clock = clock;
  }

  void list(Context ctx) {
    String tenantId = ReadAccess.tenantOf(ctx);
    QueryParams params = QueryParams.of(ctx, LIST_PARAMETERS);
    RunFilter filter = RunFilter.ALL
        .withAgent(params.text("agent_id"))
        .withTaskType(params.text("task_type"))
        .withStatus(status(params))
        .withHasError(hasError(params))
        .withModel(params.text("model"));
    Instant now = clock.instant();
    Instant since = time(params, "since", now);
    Instant until = time(params, "until", now);
    if (since != null && until != null && since.isAfter(until)) {
      params.reject("since", "must not be after until (" + params.text("until") + ")");
    }
    filter = filter.withStarted(since, until);
    PageRequest page = page(ctx, params, true);
    params.throwIfInvalid();
    ctx.json(Pagination.body(telemetry.runs(tenantId, filter, page).map(RunView::of)));
  }

  void get(Context ctx) {
    String tenantId = ReadAccess.tenantOf(ctx);
    QueryParams.of(ctx, List.of()).throwIfInvalid();
    Run run = reads.find(tenantId, ctx.pathParam("run_id"));
    Lineage lineage = Lineage.of(run, telemetry.ancestors(tenantId, run.runId(), Lineage.DEFAULT_MAX_DEPTH),
        Lineage.DEFAULT_MAX_DEPTH);
    Page<Run> children = telemetry.childRuns(tenantId, run.runId(), PageRequest.first(CHILDREN_SHOWN));
    long childCount = children.nextAfterId() == null
        ? children.items().size()
        : telemetry.childRunCount(tenantId, run.runId());
    Run root = lineage.root(run);
    ctx.json(new RunDetailView(RunView.of(run), new RunDetailView.LineageView(
        lineage.ancestors().stream().map(RunView::of).toList(),
        root == null ? null : root.runId(),
        lineage.end().wireName(),
        children.items().stream().map(RunView::of).toList(),
        childCount,
        Cursor.encode(children.nextAfterId()))));
  }

  void children(Context ctx) {
    String tenantId = ReadAccess.tenantOf(ctx);
    QueryParams params = QueryParams.of(ctx, List.of("limit", "cursor"));
    PageRequest page = page(ctx, params, false);
    params.throwIfInvalid();
    Run run = reads.find(tenantId, ctx.pathParam("run_id"));
    ctx.json(Pagination.body(telemetry.childRuns(tenantId, run.runId(), page).map(RunView::of)));
  }

  /** The page asked for, or null after recording what is wrong with {@code limit} and {@code cursor}. */
  private static PageRequest page(Context ctx, QueryParams params, boolean runsCursor) {
    try {
      PageRequest page = Pagination.request(ctx);
      if (runsCursor && page.afterId() != null && RunCursor.parse(page.afterId()).isEmpty()) {
        params.reject("cursor", "is not a cursor of the runs list; pass next_cursor from the previous page");
        return null;
      }
      return page;
    } catch (ProblemException e) {
      params.addAll(e.errors());
      return null;
    }
  }

  private static RunStatus status(QueryParams params) {
    String raw = params.text("status");
    if (raw == null) {
      return null;
    }
    for (RunStatus status : RunStatus.values()) {
      if (status.wireName().equals(raw)) {
        return status;
      }
    }
    params.reject("status", "must be ok or error, was '" + raw + "'");
    return null;
  }

  private static Boolean hasError(QueryParams params) {
    String raw = params.text("has_error");
    if (raw == null) {
      return null;
    }
    return switch (raw) {
      case "true" -> true;
      case "false" -> false;
      default -> {
        params.reject("has_error", "must be true or false, was '" + raw + "'");
        yield null;
      }
    };
  }

  private static Instant time(QueryParams params, String name, Instant now) {
    String raw = params.text(name);
    if (raw == null) {
      return null;
    }
    Instant parsed = Times.parse(raw, now);
    if (parsed == null) {
      params.reject(name, "must be " + Times.FORMS + ", was '" + raw + "'");
    }
    return parsed;
  }
}
