package dev.aegis.client;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** What the control plane knows about an agent; reached with {@link AegisClient#agents()}. */
public final class Agents {
  private final Transport transport;

  Agents(Transport transport) {
    this.transport = transport;
  }

  /** The effective policy of an agent with no task type and no labels. */
  public EffectivePolicy effectivePolicy(String agentId) {
    return effectivePolicy(agentId, null, Map.of());
  }

  /**
   * The policy the agent works under for a task type and its labels, and which policy version contributed each
   * capability, deny, connector role, rate cap, threshold, rule and validator. Any key of the tenant may ask.
   *
   * @param taskType null for none
   * @param labels the agent's labels, which policy bindings may match
   */
  public EffectivePolicy effectivePolicy(String agentId, String taskType, Map<String, String> labels) {
    Objects.requireNonNull(labels, "labels");
    List<Map.Entry<String, String>> query = new ArrayList<>();
    if (taskType != null) {
      query.add(Map.entry("task_type", taskType));
    }
    labels.forEach((name, value) -> query.add(Map.entry("label", name + "=" + value)));
    return transport.exchange("GET", "/api/v1/agents/" + Transport.segment(agentId) + "/effective-policy", query,
        Map.of(), null, Transport.type(EffectivePolicy.class));
  }
}
