package dev.aegis.core.webhook;

import dev.aegis.core.page.Page;
import dev.aegis.core.page.PageRequest;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Stores webhooks and drives their outbox of deliveries. */
public interface WebhookStore {
  void create(Webhook webhook);

  /** The active webhook with this id, only if it belongs to this tenant. */
  Optional<Webhook> find(String tenantId, String webhookId);

  /** The webhook with this id whatever its tenant, deleted or not; for the dispatcher. */
  Optional<Webhook> findForDelivery(String webhookId);

  /** A tenant's active webhooks in id order. */
  Page<Webhook> list(String tenantId, PageRequest page);

  /** A tenant's active webhooks that subscribe to the event. */
  List<Webhook> subscribed(String tenantId, String event);

  /**
   * Deletes the webhook: forgets its secret and cancels its pending deliveries, in one transaction. Deleting it
   * again changes nothing.
   *
   * @return false when the tenant has no webhook with this id
   */
  boolean delete(String tenantId, String webhookId, Instant at);

  /**
   * Claims up to {@code limit} pending deliveries due at {@code now}, earliest first, that no one holds; each is
   * held until {@code leaseUntil}, so that another dispatcher does not send it at the same time.
   */
  List<WebhookDelivery> claimDue(Instant now, Instant leaseUntil, int limit);

  /** When the earliest pending delivery is due (or its lease ends, if later); empty when none is pending. */
  Optional<Instant> nextDue();

  /**
   * Records an attempt and moves the delivery on: to {@code state}, due again at {@code nextAttemptAt} when still
   * pending. Does nothing to a delivery that is no longer pending (it was cancelled meanwhile).
   */
  void recordAttempt(DeliveryAttempt attempt, DeliveryState state, Instant nextAttemptAt);

  /** Marks a pending delivery cancelled (its webhook is gone). */
  void cancel(String deliveryId, Instant at);

  /** A webhook's deliveries, newest first, each with its attempts; a page's {@code afterId} is the last id seen. */
  Page<WebhookDelivery> deliveries(String tenantId, String webhookId, PageRequest page);

  /** One delivery with its attempts, whatever its tenant; for tests and the dispatcher. */
  Optional<WebhookDelivery> findDelivery(String deliveryId);
}
