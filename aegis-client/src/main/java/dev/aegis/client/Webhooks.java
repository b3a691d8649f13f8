package dev.aegis.client;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Creates, reads, lists and deletes the key's tenant's webhooks, and shows their deliveries; reached with
 * {@link AegisClient#webhooks()}. Every call needs an {@code admin} key.
 */
public final class Webhooks {
  private final Transport transport;

  Webhooks(Transport transport) {
    this.transport = transport;
  }

  /**
   * Creates a webhook; the answer holds its signing secret, which the server never shows again. 422 when the URL
   * is not allowed (an internal address, user info, a fragment) or an event is unknown or repeated.
   *
   * @param events {@link Webhook#ALERT_FIRED}, {@link Webhook#ALERT_RESOLVED}
   * @param description at most 200 characters, or null for none
   */
  public CreatedWebhook create(String url, Collection<String> events, String description) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("url", url);
    body.put("events", List.copyOf(events));
    if (description != null) {
      body.put("description", description);
    }
    return transport.post("/api/v1/webhooks", body, Transport.type(CreatedWebhook.class));
  }

  /** One webhook, without its secret; 404 when it is not the key's tenant's. */
  public Webhook get(String id) {
    return transport.get(path(id), Map.of(), Transport.type(Webhook.class));
  }

  /** One page of the tenant's webhooks, by id. */
  public Page<Webhook> list(PageQuery query) {
    return transport.get("/api/v1/webhooks", Tenants.params(query), Transport.pageOf(Webhook.class));
  }

  /** Every webhook of the tenant, fetched page by page as the stream is consumed. */
  public Stream<Webhook> listAll() {
    return Pages.stream(this::list, PageQuery.first(PageQuery.MAX_LIMIT));
  }

  /** Deletes a webhook and cancels its pending deliveries. Deleting it again is fine. */
  public void delete(String id) {
    transport.delete(path(id));
  }

  /** One page of a webhook's deliveries, newest first, each with its payload and attempts. */
  public Page<WebhookDelivery> deliveries(String id, PageQuery query) {
    return transport.get(path(id) + "/deliveries", Tenants.params(query), Transport.pageOf(WebhookDelivery.class));
  }

  private static String path(String id) {
    return "/api/v1/webhooks/" + Transport.segment(id);
  }
}
