package dev.aegis.client;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which alerts {@link Alerts#list} returns; null fields do not filter, the others combine with AND.
 *
 * <pre>{@code
 * AlertFilter.any().withTaskType("document-summarize").withOpen(true)
 * }</pre>
 *
 * @param kind such as {@link Alert#LATENCY_P95}
 * @param state {@link Alert#FIRING} or {@link Alert#RESOLVED}
 * @param since created at or after
 * @param until created before; must be after {@code since}
 * @param open true: firing and not yet resolved; false: the others
 */
public record AlertFilter(String kind, String state, String taskType, Instant since, Instant until, Boolean open) {
  /** Every alert. */
  public static AlertFilter any() {
    return new AlertFilter(null, null, null, null, null, null);
  }

  public AlertFilter withKind(String kind) {
    return new AlertFilter(kind, state, taskType, since, until, open);
  }

  public AlertFilter withState(String state) {
    return new AlertFilter(kind, state, taskType, since, until, open);
  }

  public AlertFilter withTaskType(String taskType) {
    return new AlertFilter(kind, state, taskType, since, until, open);
  }

  public AlertFilter withSince(Instant since) {
    return new AlertFilter(kind, state, taskType, since, until, open);
  }

  public AlertFilter withUntil(Instant until) {
    return new AlertFilter(kind, state, taskType, since, until, open);
  }

  public AlertFilter withOpen(Boolean open) {
    return new AlertFilter(kind, state, taskType, since, until, open);
  }

  /** The query parameters, paging ones included. */
  Map<String, String> params(PageQuery query) {
    Map<String, String> params = new LinkedHashMap<>();
    put(params, "kind", kind);
    put(params, "state", state);
    put(params, "task_type", taskType);
    put(params, "since", since);
    put(params, "until", until);
    put(params, "open", open);
    params.putAll(Tenants.params(query));
    return params;
  }

  private static void put(Map<String, String> params, String name, Object value) {
    if (value != null) {
      params.put(name, value.toString());
    }
  }
}
