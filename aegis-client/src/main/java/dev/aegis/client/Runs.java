package dev.aegis.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Reads runs, their lineage, span trees and timelines, and finds runs by trace id or prompt hash; reached with
 * {@link AegisClient#runs()}. Needs a key with the {@code operator}, {@code approver} or {@code admin} role.
 *
 * <pre>{@code
 * aegis.runs().listAll(RunFilter.ALL.withStatus("error").withSince("-1h"))
 *     .forEach(run -> System.out.println(run.runId() + " " + run.agentId()));
 * RunTrace tree = aegis.runs().trace("run-20260529-01", Runs.Scope.TRACE);
 * }</pre>
 */
public final class Runs {
  /** Which spans a tree or timeline shows. */
  public enum Scope {
    /** The run's own spans. */
    RUN,
    /** Every span of the run's trace: the runs that started it and that it started too. */
    TRACE;

    String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private final Transport transport;

  Runs(Transport transport) {
    this.transport = transport;
  }

  /** One page of the runs that match, newest start first. */
  public Page<Run> list(RunFilter filter, PageQuery query) {
    Map<String, String> params = new LinkedHashMap<>(Objects.requireNonNull(filter, "filter").params());
    params.putAll(Tenants.params(query));
    return transport.get("/api/v1/runs", params, Transport.pageOf(Run.class));
  }

  /** Every run that matches, newest first, fetched page by page as the stream is consumed. */
  public Stream<Run> listAll(RunFilter filter) {
    return Pages.stream(query -> list(filter, query), PageQuery.first(PageQuery.MAX_LIMIT));
  }

  /** A run with its ancestors and first children; 404 when the key's tenant has no such run. */
  public RunDetail get(String runId) {
    JsonNode body = transport.get(path(runId), Map.of(), Transport.type(JsonNode.class));
    return new RunDetail(Transport.MAPPER.convertValue(body, Run.class),
        Transport.MAPPER.convertValue(body.path("lineage"), RunDetail.Lineage.class));
  }

  /** One page of the runs this run started, by run id. */
  public Page<Run> children(String runId, PageQuery query) {
    return transport.get(path(runId) + "/children", Tenants.params(query), Transport.pageOf(Run.class));
  }

  /** The run's own spans as a tree. */
  public RunTrace trace(String runId) {
    return trace(runId, Scope.RUN);
  }

  public RunTrace trace(String runId, Scope scope) {
    return transport.get(path(runId) + "/trace", Map.of("scope", scope.wireName()), Transport.type(RunTrace.class));
  }

  /** The run's spans, envelopes and events as one chronological list. */
  public RunTimeline timeline(String runId) {
    return timeline(runId, Scope.RUN);
  }

  public RunTimeline timeline(String runId, Scope scope) {
    return transport.get(path(runId) + "/timeline", Map.of("scope", scope.wireName()),
        Transport.type(RunTimeline.class));
  }

  /** The runs with spans in a trace (32 hex digits); 404 when there are none, 400 when it is not a trace id. */
  public TraceRuns byTrace(String traceId) {
    return transport.get("/api/v1/traces/" + Transport.segment(traceId), Map.of(), Transport.type(TraceRuns.class));
  }

  /** The latest 50 model calls that used this prompt hash, and their runs; 404 when there are none. */
  public PromptUsage byPromptHash(String promptHash) {
    return byPromptHash(promptHash, 50);
  }

  /** The latest {@code limit} (1 to 500) model calls that used this prompt hash, and their runs. */
  public PromptUsage byPromptHash(String promptHash, int limit) {
    return transport.get("/api/v1/prompts/" + Transport.segment(promptHash), Map.of("limit", Integer.toString(limit)),
        Transport.type(PromptUsage.class));
  }

  private static String path(String runId) {
    return "/api/v1/runs/" + Transport.segment(runId);
  }
}
