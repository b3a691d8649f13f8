package dev.aegis.client;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;

/**
 * A rate-cap override: for a while, it replaces the policies' {@code rate_limit_per_min} for an agent (or every
 * agent) on a connector.
 *
 * @param id such as {@code cap_01jd...}
 * @param agentId the agent, or {@code *} for every agent of the tenant
 * @param limitPerMin calls a minute while it lasts
 * @param source {@code operator} (set through the API) or {@code upstream_429} (tightened by the gateway after a 429)
 * @param actor the id of the key that set it, for an operator override
 * @param expiresAt when the policies' cap applies again
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record RateCap(
    String id,
    String agentId,
    String connector,
    int limitPerMin,
    String reason,
    String source,
    String actor,
    Instant createdAt,
    Instant expiresAt) {
  /** The agent id that stands for every agent of the tenant. */
  public static final String EVERY_AGENT = "*";
}
