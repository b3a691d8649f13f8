package dev.aegis.server.webhook;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.aegis.core.webhook.Webhook;
import java.time.Instant;
import java.util.List;

/** A webhook as the API shows it: its signing secret only in the answer that created it. */
record WebhookView(
    String id,
    String tenantId,
    String url,
    List<String> events,
    String description,
    Instant createdAt,
    @JsonInclude(JsonInclude.Include.NON_NULL) String secret) {

  static WebhookView of(Webhook webhook) {
    return withSecret(webhook, null);
  }

  static WebhookView withSecret(Webhook webhook, String secret) {
    return new WebhookView(webhook.id(), webhook.tenantId(), webhook.url(), webhook.events(), webhook.description(),
        webhook.createdAt(), secret);
  }

  /**
   * What the audit log records: no secret, and of the URL only its scheme, host and port, since its path or query
   * may carry a token (some receivers take the URL itself as the credential) and operators read the audit log.
   */
  static WebhookView audited(Webhook webhook) {
    return new WebhookView(webhook.id(), webhook.tenantId(), Destinations.origin(webhook.url()), webhook.events(),
        webhook.description(), webhook.createdAt(), null);
  }

  /** Neither the secret nor the URL (whose query may carry a token) goes into a log line. */
  @Override
  public String toString() {
    return "WebhookView[id=" + id + ", tenantId=" + tenantId + ", events=" + events + "]";
  }
}
