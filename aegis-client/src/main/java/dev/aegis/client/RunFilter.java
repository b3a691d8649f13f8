package dev.aegis.client;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which runs {@link Runs#list} returns; every field is optional (null matches any) and set fields must all match.
 *
 * <pre>{@code
 * RunFilter failedToday = RunFilter.ALL.withAgent("summarizer-12").withStatus("error").withSince("-24h");
 * }</pre>
 *
 * @param status {@code ok} or {@code error}
 * @param since runs that started at or after: RFC 3339 ({@code 2026-11-24T12:00:00Z}) or back from the server's
 *     now ({@code -30s}, {@code -15m}, {@code -2h}, {@code -7d})
 * @param until runs that started before; same forms
 * @param hasError true: runs with a failed span; false: runs without
 * @param model runs that used this model
 */
public record RunFilter(
    String agentId,
    String taskType,
    String status,
    String since,
    String until,
    Boolean hasError,
    String model) {
  public static final RunFilter ALL = new RunFilter(null, null, null, null, null, null, null);

  public RunFilter withAgent(String agent) {
    return new RunFilter(agent, taskType, status, since, until, hasError, model);
  }

  public RunFilter withTaskType(String type) {
    return new RunFilter(agentId, type, status, since, until, hasError, model);
  }

  public RunFilter withStatus(String wanted) {
    return new RunFilter(agentId, taskType, wanted, since, until, hasError, model);
  }

  public RunFilter withSince(String from) {
    return new RunFilter(agentId, taskType, status, from, until, hasError, model);
  }

  public RunFilter withSince(Instant from) {
    return withSince(from == null ? null : from.toString());
  }

  public RunFilter withUntil(String before) {
    return new RunFilter(agentId, taskType, status, since, before, hasError, model);
  }

  public RunFilter withUntil(Instant before) {
    return withUntil(before == null ? null : before.toString());
  }

  public RunFilter withHasError(Boolean error) {
    return new RunFilter(agentId, taskType, status, since, until, error, model);
  }

  public RunFilter withModel(String name) {
    return new RunFilter(agentId, taskType, status, since, until, hasError, name);
  }

  /** The query parameters of {@code GET /api/v1/runs}, without paging. */
  Map<String, String> params() {
    Map<String, String> params = new LinkedHashMap<>();
    put(params, "agent_id", agentId);
    put(params, "task_type", taskType);
    put(params, "status", status);
    put(params, "since", since);
    put(params, "until", until);
    put(params, "has_error", hasError == null ? null : hasError.toString());
    put(params, "model", model);
    return params;
  }

  private static void put(Map<String, String> params, String name, String value) {
    if (value != null) {
      params.put(name, value);
    }
  }
}
