package dev.aegis.core.alert;

import dev.aegis.core.page.Page;
import dev.aegis.core.page.PageRequest;
import dev.aegis.core.webhook.WebhookDelivery;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Stores alerts, and queues their webhook deliveries in the same transaction (an outbox). */
public interface AlertStore {
  /**
   * Stores the alert and its deliveries together, or neither.
   *
   * @return false, with nothing stored, when the tenant already has an alert with the same dedupe key
   */
  boolean record(Alert alert, List<WebhookDelivery> deliveries);

  /** The alert with this id, only if it belongs to this tenant. */
  Optional<Alert> find(String tenantId, String alertId);

  /** A tenant's alerts that match the query, newest first; a page's {@code afterId} is the last id seen. */
  Page<Alert> list(String tenantId, AlertQuery query, PageRequest page);

  /** The tenant's newest firing alert of this kind and task type that has not been resolved. */
  Optional<Alert> findOpen(String tenantId, String kind, String taskType);

  /** Every tenant's firing, unresolved alerts of these kinds, oldest first; used to restore state at start. */
  List<Alert> open(Collection<String> kinds);
}
