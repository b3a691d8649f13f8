package dev.aegis.client;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What an agent is about to do, asked of the decision point before the side effect. Empty fields are left out of
 * the request.
 *
 * <pre>{@code
 * DecisionRequest.of("summarizer-12", "write:summaries").withConnector("db").withAttribute("size_mb", 60)
 * }</pre>
 *
 * @param agentId the agent asking
 * @param agentLabels labels that policy bindings may match, such as {@code team=support}
 * @param taskType the run's task type, which bindings may match
 * @param runId the run, so that the decision shows on its timeline
 * @param stage the run's workflow stage, which rules may read
 * @param action the capability it needs, {@code verb:resource} such as {@code write:summaries}
 * @param connector the external system it would touch, such as {@code db}
 * @param resource what it would touch there, such as a table or a path
 * @param attributes what thresholds, rules and validators read, such as {@code size_mb} or {@code external_domain}
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record DecisionRequest(
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
    agentLabels = agentLabels == null ? Map.of() : unmodifiable(agentLabels);
    attributes = attributes == null ? Map.of() : unmodifiable(attributes);
  }

  /** The least a request says: who and what. */
  public static DecisionRequest of(String agentId, String action) {
    Objects.requireNonNull(agentId, "agentId");
    Objects.requireNonNull(action, "action");
    return new DecisionRequest(agentId, null, null, null, null, action, null, null, null);
  }

  public DecisionRequest withConnector(String name) {
    return new DecisionRequest(agentId, agentLabels, taskType, runId, stage, action, name, resource, attributes);
  }

  public DecisionRequest withResource(String name) {
    return new DecisionRequest(agentId, agentLabels, taskType, runId, stage, action, connector, name, attributes);
  }

  public DecisionRequest withTaskType(String type) {
    return new DecisionRequest(agentId, agentLabels, type, runId, stage, action, connector, resource, attributes);
  }

  public DecisionRequest withRun(String id) {
    return new DecisionRequest(agentId, agentLabels, taskType, id, stage, action, connector, resource, attributes);
  }

  public DecisionRequest withStage(String name) {
    return new DecisionRequest(agentId, agentLabels, taskType, runId, name, action, connector, resource, attributes);
  }

  /** Adds one label (replacing a label of the same name). */
  public DecisionRequest withLabel(String name, String value) {
    Map<String, String> labels = new LinkedHashMap<>(agentLabels);
    labels.put(name, value);
    return new DecisionRequest(agentId, labels, taskType, runId, stage, action, connector, resource, attributes);
  }

  /** Adds one attribute: a string, number, boolean, list or map, as JSON can carry it. */
  public DecisionRequest withAttribute(String name, Object value) {
    Map<String, Object> all = new LinkedHashMap<>(attributes);
    all.put(name, value);
    return new DecisionRequest(agentId, agentLabels, taskType, runId, stage, action, connector, resource, all);
  }

  private static <V> Map<String, V> unmodifiable(Map<String, V> map) {
    return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(map));
  }
}
