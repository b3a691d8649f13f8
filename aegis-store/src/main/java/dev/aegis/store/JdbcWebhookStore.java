package dev.aegis.store;

import dev.aegis.core.page.Page;
import dev.aegis.core.page.PageRequest;
import dev.aegis.core.webhook.DeliveryAttempt;
import dev.aegis.core.webhook.DeliveryState;
import dev.aegis.core.webhook.Webhook;
import dev.aegis.core.webhook.WebhookDelivery;
import dev.aegis.core.webhook.WebhookStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;

final class JdbcWebhookStore implements WebhookStore {
  private static final String WEBHOOK_COLUMNS =
      "id, tenant_id, url, events, description, sealed_secret, created_at, deleted_at";
  private static final String DELIVERY_COLUMNS = "id, tenant_id, webhook_id, event, payload, state, attempts,"
      + " next_attempt_at, last_status, last_error, created_at, updated_at";
  private static final String PENDING = DeliveryState.PENDING.wireName();

  private final Jdbi jdbi;
  private final Dialect dialect;

  JdbcWebhookStore(Jdbi jdbi, Dialect dialect) {
    this.jdbi = jdbi;
    this.dialect = dialect;
  }

  @Override
  public void create(Webhook webhook) {
    Sql.run("create a webhook", () -> jdbi.useHandle(h ->
        h.createUpdate("INSERT INTO webhooks (" + WEBHOOK_COLUMNS + ") VALUES"
                + " (:id, :tenant, :url, :events, :description, :secret, :created, :deleted)")
            .bind("id", webhook.id())
            .bind("tenant", webhook.tenantId())
            .bind("url", webhook.url())
            .bind("events", String.join(",", webhook.events()))
            .bind("description", webhook.description())
            .bind("secret", webhook.sealedSecret())
            .bind("created", Times.toMillis(webhook.createdAt()))
            .bind("deleted", Times.toMillis(webhook.deletedAt()))
            .execute()));
  }

  @Override
  public Optional<Webhook> find(String tenantId, String webhookId) {
    return Sql.call("read a webhook", () -> jdbi.withHandle(h ->
        h.createQuery("SELECT " + WEBHOOK_COLUMNS + " FROM webhooks"
                + " WHERE tenant_id = :tenant AND id = :id AND deleted_at IS NULL")
            .bind("tenant", tenantId)
            .bind("id", webhookId)
            .map(JdbcWebhookStore::mapWebhook)
            .findOne()));
  }

  @Override
  public Optional<Webhook> findForDelivery(String webhookId) {
    return Sql.call("read a webhook", () -> jdbi.withHandle(h ->
        h.createQuery("SELECT " + WEBHOOK_COLUMNS + " FROM webhooks WHERE id = :id")
            .bind("id", webhookId)
            .map(JdbcWebhookStore::mapWebhook)
            .findOne()));
  }

  @Override
  public Page<Webhook> list(String tenantId, PageRequest page) {
    return Sql.call("list webhooks", () -> jdbi.withHandle(h -> {
      var rows = h.createQuery("SELECT " + WEBHOOK_COLUMNS + " FROM webhooks"
              + " WHERE tenant_id = :tenant AND deleted_at IS NULL"
              + (page.afterId() == null ? "" : " AND id > :after")
              + " ORDER BY id LIMIT :limit")
          .bind("tenant", tenantId)
          .bind("after", page.afterId())
          .bind("limit", page.limit() + 1)
          .map(JdbcWebhookStore::mapWebhook)
          .list();
      return Page.fromOverfetch(rows, page.limit(), Webhook::id);
    }));
  }

  @Override
  public List<Webhook> subscribed(String tenantId, String event) {
    return Sql.call("list webhooks", () -> jdbi.withHandle(h ->
        h.createQuery("SELECT " + WEBHOOK_COLUMNS + " FROM webhooks"
                + " WHERE tenant_id = :tenant AND deleted_at IS NULL ORDER BY id")
            .bind("tenant", tenantId)
            .map(JdbcWebhookStore::mapWebhook)
            .filter(webhook -> webhook.subscribes(event))
            .list()));
  }

  @Override
  public boolean delete(String tenantId, String webhookId, Instant at) {
    return Sql.call("delete a webhook", () -> jdbi.inTransaction(h -> {
      int found = h.createUpdate("UPDATE webhooks SET deleted_at = COALESCE(deleted_at, :at), sealed_secret = NULL"
              + " WHERE tenant_id = :tenant AND id = :id")
          .bind("at", Times.toMillis(at))
          .bind("tenant", tenantId)
          .bind("id", webhookId)
          .execute();
      if (found == 0) {
        return false;
      }
      h.createUpdate("UPDATE webhook_deliveries SET state = :cancelled, next_attempt_at = NULL, updated_at = :at"
              + " WHERE webhook_id = :id AND state = :pending")
          .bind("cancelled", DeliveryState.CANCELLED.wireName())
          .bind("pending", PENDING)
          .bind("at", Times.toMillis(at))
          .bind("id", webhookId)
          .execute();
      return true;
    }));
  }

  static void insertDelivery(Handle h, WebhookDelivery d) {
    h.createUpdate("INSERT INTO webhook_deliveries (" + DELIVERY_COLUMNS + ") VALUES (:id, :tenant, :webhook,"
            + " :event, :payload, :state, :attempts, :next, :status, :error, :created, :updated)")
        .bind("id", d.id())
        .bind("tenant", d.tenantId())
        .bind("webhook", d.webhookId())
        .bind("event", d.event())
        .bind("payload", d.payload())
        .bind("state", d.state().wireName())
        .bind("attempts", d.attempts())
        .bind("next", Times.toMillis(d.nextAttemptAt()))
        .bind("status", d.lastStatus())
        .bind("error", d.lastError())
        .bind("created", Times.toMillis(d.createdAt()))
        .bind("updated", Times.toMillis(d.updatedAt()))
        .execute();
  }

  @Override
  public List<WebhookDelivery> claimDue(Instant now, Instant leaseUntil, int limit) {
    return Sql.call("claim webhook deliveries", () -> jdbi.inTransaction(h -> {
      List<String> ids = h.createQuery("SELECT id FROM webhook_deliveries"
              + " WHERE state = :pending AND next_attempt_at <= :now ORDER BY next_attempt_at, id LIMIT :limit"
              + dialect.skipLockedRows())
          .bind("pending", PENDING)
          .bind("now", Times.toMillis(now))
          .bind("limit", limit)
          .mapTo(String.class)
          .list();
      if (ids.isEmpty()) {
        return List.of();
      }
      // a claimed delivery is due again when the claim ends: if its sender dies, it is retried then
      h.createUpdate("UPDATE webhook_deliveries SET next_attempt_at = :lease WHERE id IN (<ids>)")
          .bind("lease", Times.toMillis(leaseUntil))
          .bindList("ids", ids)
          .execute();
      return h.createQuery("SELECT " + DELIVERY_COLUMNS + " FROM webhook_deliveries WHERE id IN (<ids>)"
              + " ORDER BY id")
          .bindList("ids", ids)
          .map(JdbcWebhookStore::mapDelivery)
          .list();
    }));
  }

  @Override
  public Optional<Instant> nextDue() {
    return Sql.call("read webhook deliveries", () -> jdbi.withHandle(h ->
        h.createQuery("SELECT MIN(next_attempt_at) FROM webhook_deliveries WHERE state = :pending")
            .bind("pending", PENDING)
            .mapTo(Long.class)
            .findOne()
            .map(Instant::ofEpochMilli)));
  }

  @Override
  public void recordAttempt(DeliveryAttempt attempt, DeliveryState state, Instant nextAttemptAt) {
    Instant now = attempt.startedAt().plusMillis(attempt.durationMillis());
    Sql.run("record a webhook attempt", () -> jdbi.useTransaction(h -> {
      h.createUpdate("INSERT INTO webhook_attempts (delivery_id, attempt, started_at, duration_ms, status, error)"
              + " VALUES (:delivery, :attempt, :started, :duration, :status, :error)")
          .bind("delivery", attempt.deliveryId())
          .bind("attempt", attempt.attempt())
          .bind("started", Times.toMillis(attempt.startedAt()))
          .bind("duration", attempt.durationMillis())
          .bind("status", attempt.status())
          .bind("error", attempt.error())
          .execute();
      h.createUpdate("UPDATE webhook_deliveries SET state = :state, attempts = :attempt, next_attempt_at = :next,"
              + " last_status = :status, last_error = :error, updated_at = :now"
              + " WHERE id = :delivery AND state = :pending")
          .bind("state", state.wireName())
          .bind("attempt", attempt.attempt())
          .bind("next", state == DeliveryState.PENDING ? Times.toMillis(nextAttemptAt) : null)
          .bind("status", attempt.status())
          .bind("error", attempt.error())
          .bind("now", Times.toMillis(now))
          .bind("delivery", attempt.deliveryId())
          .bind("pending", PENDING)
          .execute();
    }));
  }

  @Override
  public void cancel(String deliveryId, Instant at) {
    Sql.run("cancel a webhook delivery", () -> jdbi.useHandle(h ->
        h.createUpdate("UPDATE webhook_deliveries SET state = :cancelled, next_attempt_at = NULL, updated_at = :at"
                + " WHERE id = :id AND state = :pending")
            .bind("cancelled", DeliveryState.CANCELLED.wireName())
            .bind("pending", PENDING)
            .bind("at", Times.toMillis(at))
            .bind("id", deliveryId)
            .execute()));
  }

  @Override
  public Page<WebhookDelivery> deliveries(String tenantId, String webhookId, PageRequest page) {
    return Sql.call("list webhook deliveries", () -> jdbi.withHandle(h -> {
      var rows = h.createQuery("SELECT " + DELIVERY_COLUMNS + " FROM webhook_deliveries"
              + " WHERE tenant_id = :tenant AND webhook_id = :webhook"
              + (page.afterId() == null ? "" : " AND id < :after")
              + " ORDER BY id DESC LIMIT :limit")
          .bind("tenant", tenantId)
          .bind("webhook", webhookId)
          .bind("after", page.afterId())
          .bind("limit", page.limit() + 1)
          .map(JdbcWebhookStore::mapDelivery)
          .list();
      return Page.fromOverfetch(withHistory(h, rows), page.limit(), WebhookDelivery::id);
    }));
  }

  @Override
  public Optional<WebhookDelivery> findDelivery(String deliveryId) {
    return Sql.call("read a webhook delivery", () -> jdbi.withHandle(h ->
        h.createQuery("SELECT " + DELIVERY_COLUMNS + " FROM webhook_deliveries WHERE id = :id")
            .bind("id", deliveryId)
            .map(JdbcWebhookStore::mapDelivery)
            .findOne()
            .map(d -> withHistory(h, List.of(d)).get(0))));
  }

  /** The deliveries again, each with its attempts, read in one query. */
  private static List<WebhookDelivery> withHistory(Handle h, Collection<WebhookDelivery> deliveries) {
    if (deliveries.isEmpty()) {
      return List.of();
    }
    Map<String, List<DeliveryAttempt>> byDelivery = new HashMap<>();
    h.createQuery("SELECT delivery_id, attempt, started_at, duration_ms, status, error FROM webhook_attempts"
            + " WHERE delivery_id IN (<ids>) ORDER BY delivery_id, attempt")
        .bindList("ids", deliveries.stream().map(WebhookDelivery::id).toList())
        .map(JdbcWebhookStore::mapAttempt)
        .forEach(a -> byDelivery.computeIfAbsent(a.deliveryId(), id -> new ArrayList<>()).add(a));
    return deliveries.stream()
        .map(d -> new WebhookDelivery(d.id(), d.tenantId(), d.webhookId(), d.event(), d.payload(), d.state(),
            d.attempts(), d.nextAttemptAt(), d.lastStatus(), d.lastError(), d.createdAt(), d.updatedAt(),
            byDelivery.getOrDefault(d.id(), List.of())))
        .toList();
  }

  private static Webhook mapWebhook(ResultSet rs, StatementContext ctx) throws SQLException {
    return new Webhook(
        rs.getString("id"),
        rs.getString("tenant_id"),
        rs.getString("url"),
        Arrays.stream(rs.getString("events").split(",")).filter(s -> !s.isEmpty()).toList(),
        rs.getString("description"),
        rs.getString("sealed_secret"),
        Times.read(rs, "created_at"),
        Times.read(rs, "deleted_at"));
  }

  private static WebhookDelivery mapDelivery(ResultSet rs, StatementContext ctx) throws SQLException {
    return new WebhookDelivery(
        rs.getString("id"),
        rs.getString("tenant_id"),
        rs.getString("webhook_id"),
        rs.getString("event"),
        rs.getString("payload"),
        DeliveryState.fromWire(rs.getString("state"))
            .orElseThrow(() -> new IllegalStateException("stored delivery has an unknown state")),
        rs.getInt("attempts"),
        Times.read(rs, "next_attempt_at"),
        Rows.intOrNull(rs, "last_status"),
        rs.getString("last_error"),
        Times.read(rs, "created_at"),
        Times.read(rs, "updated_at"),
        List.of());
  }

  private static DeliveryAttempt mapAttempt(ResultSet rs, StatementContext ctx) throws SQLException {
    return new DeliveryAttempt(
        rs.getString("delivery_id"),
        rs.getInt("attempt"),
        Times.read(rs, "started_at"),
        rs.getLong("duration_ms"),
        Rows.intOrNull(rs, "status"),
        rs.getString("error"));
  }
}
