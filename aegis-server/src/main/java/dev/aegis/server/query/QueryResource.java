package dev.aegis.server.query;

import dev.aegis.core.policy.DecisionLog;
import dev.aegis.core.telemetry.TelemetryStore;
import dev.aegis.server.config.QueryConfig;
import dev.aegis.server.http.Json;
import io.javalin.config.RoutesConfig;
import java.time.Clock;

/** Registers the trace-first query routes of docs/api.md: runs, their lineage, trees and timelines, lookups. */
public final class QueryResource {
  private QueryResource() {}

  /**
   * @param decisions the decision log, whose decisions about a run show on its timeline
   */
  public static void install(RoutesConfig routes, TelemetryStore telemetry, DecisionLog decisions, QueryConfig config,
      Clock clock) {
    RunReads reads = new RunReads(telemetry, config.maxTraceSpans());
    RunRoutes runs = new RunRoutes(telemetry, reads, clock);
    TraceRoutes traces = new TraceRoutes(reads, decisions, Json.newMapper());
    LookupRoutes lookups = new LookupRoutes(telemetry);

    routes.get("/api/v1/runs", runs::list);
    routes.get("/api/v1/runs/{run_id}", runs::get);
    routes.get("/api/v1/runs/{run_id}/children", runs::children);
    routes.get("/api/v1/runs/{run_id}/trace", traces::trace);
    routes.get("/api/v1/runs/{run_id}/timeline", traces::timeline);
    routes.get("/api/v1/traces/{trace_id}", lookups::trace);
    routes.get("/api/v1/prompts/{prompt_hash}", lookups::prompt);
  }
}
