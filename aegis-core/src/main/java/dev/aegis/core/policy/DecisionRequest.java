package dev.aegis.core.policy;

import java.util.Map;
import java.util.Objects;

/**
 * What the decision point is asked: may this agent, in this run, do this action through this connector?
 *
 * @param tenantId the tenant
 * @param agentId the agent
 * @param agentLabels the agent's labels (e.g. {@code team=docs}); empty when none
 * @param taskType the run's task type, or null
 * @param runId the run, or null
 * @param stage the run's workflow stage, or null
 * @param action {@code verb:resource}, e.g. {@code write:summaries}
 * @param connector the connector the action goes through, or null for an action outside any connector
 * @param resource the resource acted on (a path, a table), or null
 * @param attributes facts about the action that thresholds and rules read: {@code size_mb},
 *     {@code external_domain}, ...
 */
public record DecisionRequest(
    String tenantId,
    String agentId,
    Map<String, String> agentLabels,
    String taskType,
    String runId,
    String stage,
    String action,
    String connector,
    String resource,
    Map<String, Object> attributes) {
  public DecisionRequest {
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(agentId, "agentId");
    Objects.requireNonNull(action, "action");
    agentLabels = agentLabels == null ? Map.of() : Map.copyOf(agentLabels);
    attributes = attributes == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.HashMap<>(attributes));
  }

  /** A request with only the fields most callers set. */
  public static DecisionRequest of(
      String tenantId, String agentId, String action, String connector, Map<String, Object> attributes) {
    return new DecisionRequest(tenantId, agentId, null, null, null, null, action, connector, null, attributes);
  }
}
