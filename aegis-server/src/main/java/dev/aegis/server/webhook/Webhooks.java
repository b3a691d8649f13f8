package dev.aegis.server.webhook;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aegis.core.crypto.SecretBox;
import dev.aegis.core.id.IdGenerator;
import dev.aegis.core.store.Store;
import dev.aegis.core.webhook.Backoff;
import dev.aegis.server.audit.AuditTrail;
import dev.aegis.server.config.WebhooksConfig;
import io.javalin.config.RoutesConfig;
import io.micrometer.core.instrument.MeterRegistry;
import java.security.SecureRandom;
import java.time.Clock;

/**
 * The webhook feature of the server: the {@code /api/v1/webhooks} routes, the {@link Outbox} other features send
 * events through, and the dispatcher that delivers them. Close it after the features that send events.
 */
public final class Webhooks implements AutoCloseable {
  private final WebhookRoutes routes;
  private final WebhookDispatcher dispatcher;
  private final WebhookSender sender;
  private final Outbox outbox;

  private Webhooks(WebhookRoutes routes, WebhookDispatcher dispatcher, WebhookSender sender, Outbox outbox) {
    this.routes = routes;
    this.dispatcher = dispatcher;
    this.sender = sender;
    this.outbox = outbox;
  }

  /**
   * Starts the dispatcher, which first delivers whatever the outbox still holds from before.
   *
   * @param audit records webhooks created and deleted
   */
  public static Webhooks start(WebhooksConfig config, Store store, SecretBox box, IdGenerator ids,
      SecureRandom random, ObjectMapper mapper, MeterRegistry registry, Clock clock, AuditTrail audit) {
    Destinations destinations = new Destinations(config.allowPrivateNetworks());
    WebhookSender sender = new WebhookSender(config.timeout(), destinations, clock);
    WebhookDispatcher dispatcher = new WebhookDispatcher(store.webhooks(), box, sender,
        new Backoff(config.backoffBase(), config.backoffMax()), config.maxAttempts(), config.timeout(), clock,
        random, registry);
    WebhookRoutes routes =
        new WebhookRoutes(store.webhooks(), destinations, box, ids, random, clock, mapper, audit);
    Outbox outbox = new Outbox(store.webhooks(), ids, dispatcher::wake);
    dispatcher.start();
    return new Webhooks(routes, dispatcher, sender, outbox);
  }

  public void install(RoutesConfig config) {
    config.post("/api/v1/webhooks", routes::create);
    config.get("/api/v1/webhooks", routes::list);
    config.get("/api/v1/webhooks/{webhook_id}", routes::get);
    config.delete("/api/v1/webhooks/{webhook_id}", routes::delete);
    config.get("/api/v1/webhooks/{webhook_id}/deliveries", routes::deliveries);
  }

  public Outbox outbox() {
    return outbox;
  }

  /** Stops delivering; what is still pending stays in the outbox for the next start. */
  @Override
  public void close() {
    dispatcher.close();
    sender.close();
  }
}
