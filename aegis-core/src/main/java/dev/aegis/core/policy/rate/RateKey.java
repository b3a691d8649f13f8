package dev.aegis.core.policy.rate;

import java.util.Objects;

/** The bucket a call is taken from: one per tenant, agent and connector. */
public record RateKey(String tenantId, String agentId, String connector) {
  public RateKey {
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(agentId, "agentId");
    Objects.requireNonNull(connector, "connector");
  }
}
