package dev.aegis.client;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.List;

/**
 * A webhook just created, with its signing secret: the only time the server shows it. {@link #toString()} leaves
 * the secret and the URL out.
 *
 * @param secret {@code whsec_...}: the HMAC-SHA256 key of the {@code Aegis-Signature} header of every delivery
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record CreatedWebhook(
    String id,
    String tenantId,
    String url,
    List<String> events,
    String description,
    Instant createdAt,
    String secret) {
  public CreatedWebhook {
    events = events == null ? List.of() : List.copyOf(events);
  }

  /** The webhook without its secret. */
  public Webhook webhook() {
    return new Webhook(id, tenantId, url, events, description, createdAt);
  }

  @Override
  public String toString() {
    return "CreatedWebhook[id=" + id + ", tenantId=" + tenantId + ", events=" + events + ", description="
        + description + ", createdAt=" + createdAt + ", secret=(hidden)]";
  }
}
