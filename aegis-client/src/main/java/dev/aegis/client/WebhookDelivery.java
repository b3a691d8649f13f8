package dev.aegis.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.List;

/**
 * One event sent (or being sent) to a webhook: where it stands, what is sent, and every attempt.
 *
 * @param id such as {@code dlv_01jd...}, also sent as {@code Aegis-Delivery-Id}
 * @param event such as {@link Webhook#ALERT_FIRED}
 * @param state {@code pending}, {@code delivered}, {@code failed} or {@code cancelled}
 * @param attempts how many attempts were made
 * @param nextAttemptAt when it is tried next, or null when it is no longer pending
 * @param lastStatus the receiver's HTTP status at the last attempt, or null (none yet, or no answer)
 * @param lastError why the last attempt failed, or null
 * @param payload the JSON body sent, the same on every attempt
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record WebhookDelivery(
    String id,
    String webhookId,
    String event,
    String state,
    int attempts,
    Instant nextAttemptAt,
    Integer lastStatus,
    String lastError,
    Instant createdAt,
    Instant updatedAt,
    JsonNode payload,
    List<Attempt> history) {
  public WebhookDelivery {
    history = history == null ? List.of() : List.copyOf(history);
  }

  /**
   * One attempt at a delivery.
   *
   * @param status the receiver's HTTP status, or null when there was no answer
   * @param error why it did not count as delivered, or null
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Attempt(int attempt, Instant startedAt, long durationMs, Integer status, String error) {}
}
