package dev.aegis.core.policy;

import java.util.List;
import java.util.Map;

/**
 * One entry of a policy's {@code bindings}: it matches an agent and task type when every field it sets matches.
 *
 * @param agent an exact agent id or a glob ({@code summarizer-*}), or null for any agent
 * @param labels labels the agent must all carry with these values; empty for any
 * @param taskTypes task types (exact or glob) of which one must match; empty for any
 */
public record Binding(String agent, Map<String, String> labels, List<String> taskTypes) {
  public Binding {
    labels = labels == null ? Map.of() : Map.copyOf(labels);
    taskTypes = taskTypes == null ? List.of() : List.copyOf(taskTypes);
  }

  /** Whether this entry selects the given agent and task type. */
  public boolean matches(String agentId, Map<String, String> agentLabels, String taskType) {
    if (agent != null && !Glob.matches(agent, agentId)) {
      return false;
    }
    for (Map.Entry<String, String> label : labels.entrySet()) {
      if (agentLabels == null || !label.getValue().equals(agentLabels.get(label.getKey()))) {
        return false;
      }
    }
    if (taskTypes.isEmpty()) {
      return true;
    }
    if (taskType == null) {
      return false;
    }
    for (String t : taskTypes) {
      if (Glob.matches(t, taskType)) {
        return true;
      }
    }
    return false;
  }
}
