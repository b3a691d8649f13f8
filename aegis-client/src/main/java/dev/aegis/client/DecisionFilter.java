package dev.aegis.client;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which logged decisions {@link Decisions#list} returns; null fields do not filter, the others combine with AND.
 *
 * <pre>{@code
 * DecisionFilter.any().withAgent("summarizer-12").withOutcome(Decision.DENY).withFrom(Instant.now().minusSeconds(3600))
 * }</pre>
 *
 * @param outcome {@code allow}, {@code deny}, {@code require_approval} or {@code rate_limited}
 * @param from decided at or after
 * @param to decided before; must be after {@code from}
 */
public record DecisionFilter(
    String agentId, String runId, String outcome, String action, String connector, Instant from, Instant to) {
  /** Every logged decision. */
  public static DecisionFilter any() {
    return new DecisionFilter(null, null, null, null, null, null, null);
  }

  public DecisionFilter withAgent(String id) {
    return new DecisionFilter(id, runId, outcome, action, connector, from, to);
  }

  public DecisionFilter withRun(String id) {
    return new DecisionFilter(agentId, id, outcome, action, connector, from, to);
  }

  public DecisionFilter withOutcome(String wanted) {
    return new DecisionFilter(agentId, runId, wanted, action, connector, from, to);
  }

  public DecisionFilter withAction(String name) {
    return new DecisionFilter(agentId, runId, outcome, name, connector, from, to);
  }

  public DecisionFilter withConnector(String name) {
    return new DecisionFilter(agentId, runId, outcome, action, name, from, to);
  }

  public DecisionFilter withFrom(Instant start) {
    return new DecisionFilter(agentId, runId, outcome, action, connector, start, to);
  }

  public DecisionFilter withTo(Instant end) {
    return new DecisionFilter(agentId, runId, outcome, action, connector, from, end);
  }

  /** The query parameters, paging ones included. */
  Map<String, String> params(PageQuery query) {
    Map<String, String> params = new LinkedHashMap<>();
    put(params, "agent_id", agentId);
    put(params, "run_id", runId);
    put(params, "outcome", outcome);
    put(params, "action", action);
    put(params, "connector", connector);
    put(params, "from", from);
    put(params, "to", to);
    params.putAll(Tenants.params(query));
    return params;
  }

  private static void put(Map<String, String> params, String name, Object value) {
    if (value != null) {
      params.put(name, value.toString());
    }
  }
}
