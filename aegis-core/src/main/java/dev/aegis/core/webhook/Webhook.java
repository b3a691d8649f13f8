package dev.aegis.core.webhook;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A tenant's subscription: events are POSTed as signed JSON to a URL.
 *
 * @param id the generated id, {@code whk_...}
 * @param tenantId the tenant whose events it receives
 * @param url where to POST, http or https
 * @param events the event names it receives, such as {@code alert.fired}
 * @param description a label chosen by whoever created it
 * @param sealedSecret the signing secret, encrypted at rest ({@link dev.aegis.core.crypto.SecretBox}); null once
 *     the webhook is deleted
 * @param deletedAt when it was deleted, or null while it is active
 */
public record Webhook(
    String id,
    String tenantId,
    String url,
    List<String> events,
    String description,
    String sealedSecret,
    Instant createdAt,
    Instant deletedAt) {
  public static final String ID_PREFIX = "whk";

  public Webhook {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(createdAt, "createdAt");
    events = List.copyOf(events);
  }

  public boolean isActive() {
    return deletedAt == null;
  }

  public boolean subscribes(String event) {
    return events.contains(event);
  }

  /** Never prints the sealed secret, nor the URL, whose query string may carry a token. */
  @Override
  public String toString() {
    return "Webhook[id=" + id + ", tenantId=" + tenantId + ", events=" + events + "]";
  }
}
