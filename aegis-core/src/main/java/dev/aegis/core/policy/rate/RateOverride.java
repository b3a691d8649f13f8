package dev.aegis.core.policy.rate;

import java.time.Instant;
import java.util.Objects;

/**
 * An operator's cap that replaces the policy cap for an agent (or every agent, {@code *}) on a connector until it
 * expires.
 *
 * @param tenantId the tenant
 * @param agentId an agent id, or {@code *} for every agent of the tenant
 * @param connector the connector
 * @param limitPerMin calls per minute while the override holds
 * @param expiresAt when the policy cap applies again, or null for never
 */
public record RateOverride(String tenantId, String agentId, String connector, int limitPerMin, Instant expiresAt) {
  public static final String ANY_AGENT = "*";

  public RateOverride {
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(agentId, "agentId");
    Objects.requireNonNull(connector, "connector");
    if (limitPerMin < 1) {
      throw new IllegalArgumentException("limitPerMin must be positive");
    }
  }
}
