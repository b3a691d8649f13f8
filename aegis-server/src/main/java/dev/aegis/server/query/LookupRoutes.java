package dev.aegis.server.query;

import dev.aegis.core.telemetry.PromptSnapshot;
import dev.aegis.core.telemetry.Run;
import dev.aegis.core.telemetry.TelemetryStore;
import dev.aegis.server.http.Problem;
import dev.aegis.server.http.ProblemException;
import dev.aegis.server.http.ProblemType;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** {@code GET /api/v1/traces/{trace_id}} and {@code /prompts/{prompt_hash}}: from an id found elsewhere to runs. */
final class LookupRoutes {
  private static final Pattern TRACE_ID = Pattern.compile("[0-9a-f]{32}");
  private static final String ZERO_TRACE = "0".repeat(32);
  static final int MAX_HASH = 256;
  static final int DEFAULT_SNAPSHOTS = 50;
  static final int MAX_SNAPSHOTS = 500;

  private final TelemetryStore telemetry;

  LookupRoutes(TelemetryStore telemetry) {
    this.telemetry = telemetry;
  }

  void trace(Context ctx) {
    String tenantId = ReadAccess.tenantOf(ctx);
    QueryParams.of(ctx, List.of()).throwIfInvalid();
    String raw = ctx.pathParam("trace_id");
    String traceId = raw.toLowerCase(Locale.ROOT);
    if (!TRACE_ID.matcher(traceId).matches() || traceId.equals(ZERO_TRACE)) {
      throw new ProblemException(ProblemType.MALFORMED_REQUEST, "'" + shorten(raw) + "' is not a trace id.",
          List.of(Problem.FieldError.atParameter("trace_id",
              "must be 32 hex digits, not all zero, as in W3C traceparent and OTLP/JSON")));
    }
    List<Run> runs = telemetry.runsOfTrace(tenantId, traceId);
    if (runs.isEmpty()) {
      throw new ProblemException(ProblemType.NOT_FOUND,
          "There is no trace " + traceId + " with spans that this key can see.");
    }
    ctx.json(new TraceRunsView(traceId, telemetry.spanCountOfTrace(tenantId, traceId),
        runs.stream().map(RunView::of).toList()));
  }

  void prompt(Context ctx) {
    String tenantId = ReadAccess.tenantOf(ctx);
    QueryParams params = QueryParams.of(ctx, List.of("limit"));
    int limit = limit(params);
    String hash = ctx.pathParam("prompt_hash");
    if (hash.length() > MAX_HASH || hash.isBlank() || hash.chars().anyMatch(Character::isISOControl)) {
      params.reject("prompt_hash", "must be 1 to " + MAX_HASH + " characters without control characters, such as"
          + " sha256:9f86d081...");
    }
    params.throwIfInvalid();
    List<PromptSnapshot> found = telemetry.promptSnapshotsByHash(tenantId, hash, limit + 1);
    if (found.isEmpty()) {
      throw new ProblemException(ProblemType.NOT_FOUND,
          "No prompt snapshot with hash '" + shorten(hash) + "' that this key can see.");
    }
    boolean truncated = found.size() > limit;
    List<PromptSnapshot> snapshots = truncated ? found.subList(0, limit) : found;
    Set<String> runIds = new LinkedHashSet<>();
    List<SnapshotView> views = new ArrayList<>(snapshots.size());
    for (PromptSnapshot s : snapshots) {
      runIds.add(s.runId());
      views.add(new SnapshotView(s.at(), s.runId(), s.traceId(), s.spanId(), s.model(), s.summaryPointer(),
          s.vectorIndexIds(), s.content()));
    }
    List<RunView> runs = telemetry.runsByIds(tenantId, runIds).stream().map(RunView::of).toList();
    ctx.json(new PromptLookupView(hash, views, runs, truncated));
  }

  private static int limit(QueryParams params) {
    String raw = params.text("limit");
    if (raw == null) {
      return DEFAULT_SNAPSHOTS;
    }
    try {
      int limit = Integer.parseInt(raw);
      if (limit >= 1 && limit <= MAX_SNAPSHOTS) {
        return limit;
      }
    } catch (NumberFormatException e) {
      // falls through to the problem
    }
    params.reject("limit", "must be a whole number from 1 to " + MAX_SNAPSHOTS + ", was '" + raw + "'");
    return DEFAULT_SNAPSHOTS;
  }

  private static String shorten(String text) {
    String visible = text.replaceAll("\\p{Cntrl}", "?");
    return visible.length() <= 80 ? visible : visible.substring(0, 77) + "...";
  }

  /**
   * The runs that have spans in one trace.
   *
   * @param spanCount how many spans of the trace are stored
   * @param runs by start time
   */
  record TraceRunsView(String traceId, long spanCount, List<RunView> runs) {}

  /**
   * The model calls that used one prompt, newest first, and their runs.
   *
   * @param truncated whether older snapshots were left out; ask with a larger {@code limit}
   */
  record PromptLookupView(String promptHash, List<SnapshotView> snapshots, List<RunView> runs, boolean truncated) {}

  /** One model call's prompt snapshot; {@code content} only when the tenant's capture level keeps it (redacted). */
  record SnapshotView(Instant at, String runId, String traceId, String spanId, String model, String summaryPointer,
      List<String> vectorIndexIds, String content) {}
}
