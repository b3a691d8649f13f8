package dev.aegis.client;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.List;

/**
 * A webhook as the server lists it: where alerts are sent, never its signing secret. {@link #toString()} leaves the
 * URL out, since its query may carry a token.
 *
 * @param id such as {@code whk_01jd...}
 * @param events such as {@link #ALERT_FIRED}
 * @param description empty when none was given
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Webhook(
    String id, String tenantId, String url, List<String> events, String description, Instant createdAt) {
  public static final String ALERT_FIRED = "alert.fired";
  public static final String ALERT_RESOLVED = "alert.resolved";

  public Webhook {
    events = events == null ? List.of() : List.copyOf(events);
  }

  @Override
  public String toString() {
    return "Webhook[id=" + id + ", tenantId=" + tenantId + ", events=" + events + ", description=" + description
        + ", createdAt=" + createdAt + "]";
  }
}
