package dev.aegis.server.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aegis.core.audit.AuditAction;
import dev.aegis.core.auth.Role;
import dev.aegis.core.crypto.SecretBox;
import dev.aegis.core.id.IdGenerator;
import dev.aegis.core.webhook.Webhook;
import dev.aegis.core.webhook.WebhookEvents;
import dev.aegis.core.webhook.WebhookSignature;
import dev.aegis.core.webhook.WebhookStore;
import dev.aegis.server.audit.AuditEvent;
import dev.aegis.server.audit.AuditTrail;
import dev.aegis.server.auth.Principal;
import dev.aegis.server.auth.TenantScope;
import dev.aegis.server.http.Fields;
import dev.aegis.server.http.JsonBody;
import dev.aegis.server.http.Pagination;
import dev.aegis.server.http.ProblemException;
import dev.aegis.server.http.ProblemType;
import io.javalin.http.Context;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** {@code /api/v1/webhooks}: create (the signing secret is shown once), list, read, delete, and list deliveries. */
final class WebhookRoutes {
  static final int MAX_DESCRIPTION_LENGTH = 200;
  private static final String EVENT_NAMES = String.join(", ", WebhookEvents.all());

  private final WebhookStore webhooks;
  private final Destinations destinations;
  private final SecretBox box;
  private final IdGenerator ids;
  private final SecureRandom random;
  private final Clock clock;
  private final ObjectMapper mapper;
  private final AuditTrail audit;

  WebhookRoutes(WebhookStore webhooks, Destinations destinations, SecretBox box, IdGenerator ids, SecureRandom random,
      Clock clock, ObjectMapper mapper, AuditTrail audit) {
    this.webhooks = webhooks;
    this.destinations = destinations;
    this.box = box;
    this.ids = ids;
    this.random = random;
    this.clock = clock;
    this.mapper = mapper;
    this.audit = audit;
  }

  void create(Context ctx) {
    String tenantId = tenant(ctx, "creating webhooks");
    ObjectNode body = JsonBody.read(ctx);
    Fields fields = Fields.of(body, "url", "events", "description");
    String url = fields.requiredString("url");
    if (url != null) {
      destinations.checkNew(url).ifPresent(problem -> fields.reject("/url", problem));
    }
    List<String> events = events(fields.requiredArray("events"), fields);
    String description = fields.optionalString("description");
    if (description != null) {
      checkDescription(description, fields);
    }
    fields.throwIfInvalid();

    String id = ids.next(Webhook.ID_PREFIX);
    String secret = WebhookSignature.newSecret(random);
    Webhook webhook = new Webhook(id, tenantId, url, events, description == null ? "" : description,
        box.seal(secret, id), clock.instant().truncatedTo(ChronoUnit.MILLIS), null);
    audit.change(ctx, () -> {
      webhooks.create(webhook);
      return AuditEvent.of(tenantId, AuditAction.WEBHOOK_CREATED, "webhook", id).after(WebhookView.audited(webhook));
    });
    ctx.status(201)
        .header("Location", "/api/v1/webhooks/" + id)
        .json(WebhookView.withSecret(webhook, secret));
  }

  void list(Context ctx) {
    String tenantId = tenant(ctx, "listing webhooks");
    ctx.json(Pagination.body(webhooks.list(tenantId, Pagination.request(ctx)).map(WebhookView::of)));
  }

  void get(Context ctx) {
    String tenantId = tenant(ctx, "reading webhooks");
    ctx.json(WebhookView.of(find(tenantId, ctx.pathParam("webhook_id"))));
  }

  void delete(Context ctx) {
    String tenantId = tenant(ctx, "deleting webhooks");
    String id = ctx.pathParam("webhook_id");
    audit.change(ctx, () -> {
      Optional<Webhook> before = webhooks.find(tenantId, id);
      if (!webhooks.delete(tenantId, id, clock.instant().truncatedTo(ChronoUnit.MILLIS))) {
        throw notFound(id);
      }
      // deleting a deleted webhook changes nothing, and records nothing
      return before.map(w -> AuditEvent.of(tenantId, AuditAction.WEBHOOK_DELETED, "webhook", id)
          .before(WebhookView.audited(w))).orElse(null);
    });
    ctx.status(204);
  }

  void deliveries(Context ctx) {
    String tenantId = tenant(ctx, "reading webhook deliveries");
    Webhook webhook = find(tenantId, ctx.pathParam("webhook_id"));
    var page = webhooks.deliveries(tenantId, webhook.id(), Pagination.request(ctx));
    ctx.json(Pagination.body(page.map(d -> DeliveryView.of(d, mapper))));
  }

  private static String tenant(Context ctx, String action) {
    return TenantScope.tenantOf(Principal.of(ctx), action, Role.ADMIN);
  }

  private Webhook find(String tenantId, String id) {
    Optional<Webhook> webhook = webhooks.find(tenantId, id);
    return webhook.orElseThrow(() -> notFound(id));
  }

  private static ProblemException notFound(String id) {
    return new ProblemException(ProblemType.NOT_FOUND, "There is no webhook '" + id + "' in this key's tenant.");
  }

  private static List<String> events(List<JsonNode> items, Fields fields) {
    if (items == null) {
      return List.of();
    }
    if (items.isEmpty()) {
      fields.reject("/events", "must name at least one event: " + EVENT_NAMES);
    }
    Set<String> events = new LinkedHashSet<>();
    for (int i = 0; i < items.size(); i++) {
      JsonNode item = items.get(i);
      String pointer = Fields.pointer("events", i);
      if (!item.isTextual()) {
        fields.reject(pointer, "must be an event name: one of " + EVENT_NAMES);
      } else if (!WebhookEvents.isKnown(item.textValue())) {
        fields.reject(pointer, "unknown event '" + item.textValue() + "'; one of " + EVENT_NAMES);
      } else if (!events.add(item.textValue())) {
        fields.reject(pointer, "repeats '" + item.textValue() + "'; name each event once");
      }
    }
    return new ArrayList<>(events);
  }

  private static void checkDescription(String description, Fields fields) {
    if (description.codePointCount(0, description.length()) > MAX_DESCRIPTION_LENGTH) {
      fields.reject("/description", "must be at most " + MAX_DESCRIPTION_LENGTH + " characters");
    } else if (description.chars().anyMatch(Character::isISOControl)) {
      fields.reject("/description", "must not contain control characters");
    }
  }
}
