package dev.aegis.core.webhook;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One event on its way to one webhook: a row of the outbox, written in the same transaction as the event itself.
 *
 * @param id the generated id, {@code dlv_...}, sent as {@code Aegis-Delivery-Id} so receivers can drop repeats
 * @param tenantId the tenant
 * @param webhookId the webhook it goes to
 * @param event the event name, such as {@code alert.fired}
 * @param payload the JSON body, sent byte for byte as stored (the signature covers it)
 * @param state pending until delivered, failed or cancelled
 * @param attempts how many attempts were made
 * @param nextAttemptAt when a pending delivery is due; null once it is not pending
 * @param lastStatus the last HTTP status received, or null
 * @param lastError why the last attempt failed, or null
 * @param history every attempt, oldest first (empty when not read with the delivery)
 */
public record WebhookDelivery(
    String id,
    String tenantId,
    String webhookId,
    String event,
    String payload,
    DeliveryState state,
    int attempts,
    Instant nextAttemptAt,
    Integer lastStatus,
    String lastError,
    Instant createdAt,
    Instant updatedAt,
    List<DeliveryAttempt> history) {
  public static final String ID_PREFIX = "dlv";

  public WebhookDelivery {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(webhookId, "webhookId");
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(payload, "payload");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
    history = List.copyOf(history);
  }

  /** A new delivery, due at once. */
  public static WebhookDelivery pending(
      String id, String tenantId, String webhookId, String event, String payload, Instant now) {
    return new WebhookDelivery(id, tenantId, webhookId, event, payload, DeliveryState.PENDING, 0, now, null, null,
        now, now, List.of());
  }
}
