package dev.aegis.core.policy;

import java.util.Objects;

/**
 * What one policy says about one connector.
 *
 * @param role what agents may do through it
 * @param rateLimitPerMin most calls per minute per agent, or null for no cap from this policy
 */
public record ConnectorPolicy(ConnectorRole role, Integer rateLimitPerMin) {
  public ConnectorPolicy {
    Objects.requireNonNull(role, "role");
    if (rateLimitPerMin != null && rateLimitPerMin < 1) {
      throw new IllegalArgumentException("rateLimitPerMin must be positive");
    }
  }
}
