package dev.aegis.core.policy;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A rate cap set at runtime for a tenant's agent (or all its agents) on one connector, in place of what policies
 * say until it expires: an operator raised or lowered it, or the gateway tightened it after an upstream 429.
 *
 * @param id the generated id, {@code cap_...}
 * @param tenantId the tenant it applies in
 * @param agentId the agent it applies to, or {@link #ANY_AGENT} for all of the tenant's agents
 * @param connector the connector it caps
 * @param limitPerMin calls per minute, at least 1
 * @param reason why, in words, or null
 * @param source who set it
 * @param actor the API key id of the operator, or the gateway's name
 * @param createdAt when it was set
 * @param expiresAt when it stops applying, after {@code createdAt}; null for never
 */
public record CapOverride(
    String id,
    String tenantId,
    String agentId,
    String connector,
    int limitPerMin,
    String reason,
    Source source,
    String actor,
    Instant createdAt,
    Instant expiresAt) {
  public static final String ID_PREFIX = "cap";
  /** The agent id of an override for all of a tenant's agents. */
  public static final String ANY_AGENT = "*";

  public CapOverride {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(createdAt, "createdAt");
    if (agentId == null || agentId.isBlank()) {
      throw new IllegalArgumentException("agentId must name an agent, or be \"*\" for all agents");
    }
    if (connector == null || connector.isBlank()) {
      throw new IllegalArgumentException("connector must not be blank");
    }
    if (limitPerMin < 1) {
      throw new IllegalArgumentException("limitPerMin must be at least 1, was " + limitPerMin);
    }
    if (expiresAt != null && !expiresAt.isAfter(createdAt)) {
      throw new IllegalArgumentException("expiresAt must be after createdAt, was " + expiresAt);
    }
  }

  /** Whether it still applies at {@code now}. */
  public boolean isActiveAt(Instant now) {
    return expiresAt == null || expiresAt.isAfter(now);
  }

  /** Whether it applies to this agent: it names the agent, or all agents. */
  public boolean appliesTo(String agent) {
    return ANY_AGENT.equals(agentId) || agentId.equals(agent);
  }

  /** Who set an override. */
  public enum Source {
    /** An operator, through the API. */
    OPERATOR,
    /** The gateway, after the connector answered 429 Too Many Requests. */
    UPSTREAM_429;

    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Source> fromWire(String name) {
      for (Source source : values()) {
        if (source.wireName().equals(name)) {
          return Optional.of(source);
        }
      }
      return Optional.empty();
    }
  }
}
