package dev.aegis.client;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;

/**
 * The body of {@code POST /api/v1/rate-caps}: which cap to override, to what, and until when. An override must
 * expire: give {@code expiresIn} or {@code expiresAt} (at most 30 days away).
 *
 * <pre>{@code
 * RateCapSpec.of("*", "db", 5).expiresIn("1h").withReason("the database is struggling")
 * }</pre>
 *
 * @param agentId an agent id, or {@link RateCap#EVERY_AGENT}
 * @param limitPerMin calls a minute, from 1
 * @param expiresIn such as {@code 90s}, {@code 15m}, {@code 2h} or {@code 1d}
 * @param expiresAt an instant in the future
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RateCapSpec(
    String agentId, String connector, int limitPerMin, String expiresIn, Instant expiresAt, String reason) {

  /** An override without its expiry yet: add one with {@link #expiresIn} or {@link #expiresAt}. */
  public static RateCapSpec of(String agentId, String connector, int limitPerMin) {
    return new RateCapSpec(agentId, connector, limitPerMin, null, null, null);
  }

  public RateCapSpec expiresIn(String duration) {
    return new RateCapSpec(agentId, connector, limitPerMin, duration, null, reason);
  }

  public RateCapSpec expiresAt(Instant at) {
    return new RateCapSpec(agentId, connector, limitPerMin, null, at, reason);
  }

  public RateCapSpec withReason(String text) {
    return new RateCapSpec(agentId, connector, limitPerMin, expiresIn, expiresAt, text);
  }
}
