package dev.aegis.server.webhook;

import dev.aegis.core.id.IdGenerator;
import dev.aegis.core.webhook.Webhook;
import dev.aegis.core.webhook.WebhookDelivery;
import dev.aegis.core.webhook.WebhookStore;
import java.time.Instant;
import java.util.List;

/**
 * How other features send webhook events: they ask for the deliveries of an event, store them in the same
 * transaction as the event itself, and then say so, which wakes the dispatcher.
 */
public final class Outbox {
  private final WebhookStore webhooks;
  private final IdGenerator ids;
  private final Runnable committed;

  Outbox(WebhookStore webhooks, IdGenerator ids, Runnable committed) {
    this.webhooks = webhooks;
    this.ids = ids;
    this.committed = committed;
  }

  /** One pending delivery of the payload to each of the tenant's webhooks that subscribe to the event. */
  public List<WebhookDelivery> deliveriesOf(String tenantId, String event, String payload, Instant now) {
    List<Webhook> subscribed = webhooks.subscribed(tenantId, event);
    return subscribed.stream()
        .map(w -> WebhookDelivery.pending(ids.next(WebhookDelivery.ID_PREFIX), tenantId, w.id(), event, payload, now))
        .toList();
  }

  /** Call after the transaction that stored deliveries committed. */
  public void committed() {
    committed.run();
  }
}
