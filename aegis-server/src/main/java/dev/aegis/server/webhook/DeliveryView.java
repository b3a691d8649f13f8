package dev.aegis.server.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aegis.core.webhook.DeliveryAttempt;
import dev.aegis.core.webhook.WebhookDelivery;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;

/** A delivery as the API shows it: where it stands, what was sent, and every attempt. */
record DeliveryView(
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
    List<AttemptView> history) {

  static DeliveryView of(WebhookDelivery d, ObjectMapper mapper) {
    JsonNode payload;
    try {
      payload = mapper.readTree(d.payload());
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new UncheckedIOException("a stored payload is always JSON", e);
    }
    return new DeliveryView(d.id(), d.webhookId(), d.event(), d.state().wireName(), d.attempts(), d.nextAttemptAt(),
        d.lastStatus(), d.lastError(), d.createdAt(), d.updatedAt(), payload,
        d.history().stream().map(AttemptView::of).toList());
  }

  /** One attempt: when it began, how long it took, and the receiver's status or why there was none. */
  record AttemptView(int attempt, Instant startedAt, long durationMs, Integer status, String error) {
    static AttemptView of(DeliveryAttempt a) {
      return new AttemptView(a.attempt(), a.startedAt(), a.durationMillis(), a.status(), a.error());
    }
  }
}
