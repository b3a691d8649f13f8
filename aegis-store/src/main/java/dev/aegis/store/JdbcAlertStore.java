package dev.aegis.store;

import dev.aegis.core.alert.Alert;
import dev.aegis.core.alert.AlertQuery;
import dev.aegis.core.alert.AlertState;
import dev.aegis.core.alert.AlertStore;
import dev.aegis.core.page.Page;
import dev.aegis.core.page.PageRequest;
import dev.aegis.core.webhook.WebhookDelivery;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.StatementContext;

final class JdbcAlertStore implements AlertStore {
  private static final String COLUMNS = "a.id, a.tenant_id, a.kind, a.state, a.task_type, a.run_id, a.observed,"
      + " a.threshold, a.window_seconds, a.samples, a.message, a.fired_alert_id, a.dedupe_key, a.created_at,"
      + " r.id AS resolved_by_id";
  /** Every read joins the resolution (if any), so a firing alert says what resolved it. */
  private static final String FROM = " FROM alerts a LEFT JOIN alerts r ON r.fired_alert_id = a.id";

  private final Jdbi jdbi;
  private final Dialect dialect;

  JdbcAlertStore(Jdbi jdbi, Dialect dialect) {
    this.jdbi = jdbi;
    this.dialect = dialect;
  }

  @Override
  public boolean record(Alert alert, List<WebhookDelivery> deliveries) {
    try {
      jdbi.useTransaction(h -> {
        insert(h, alert);
        for (WebhookDelivery delivery : deliveries) {
          JdbcWebhookStore.insertDelivery(h, delivery);
        }
      });
      return true;
    } catch (JdbiException e) {
      if (dialect.isUniqueViolation(e)) {
        return false; // the same run already fired, or the firing alert was already resolved
      }
      throw Sql.failure("store an alert", e);
    }
  }

  private static void insert(Handle h, Alert alert) {
    h.createUpdate("INSERT INTO alerts (id, tenant_id, kind, state, task_type, run_id, observed, threshold,"
            + " window_seconds, samples, message, fired_alert_id, dedupe_key, created_at) VALUES (:id, :tenant,"
            + " :kind, :state, :task, :run, :observed, :threshold, :window, :samples, :message, :fired, :dedupe,"
            + " :created)")
        .bind("id", alert.id())
        .bind("tenant", alert.tenantId())
        .bind("kind", alert.kind())
        .bind("state", alert.state().wireName())
        .bind("task", alert.taskType())
        .bind("run", alert.runId())
        .bind("observed", alert.observed())
        .bind("threshold", alert.threshold())
        .bind("window", alert.window() == null ? null : alert.window().getSeconds())
        .bind("samples", alert.samples())
        .bind("message", alert.message())
        .bind("fired", alert.firedAlertId())
        .bind("dedupe", alert.dedupeKey())
        .bind("created", Times.toMillis(alert.createdAt()))
        .execute();
  }

  @Override
  public Optional<Alert> find(String tenantId, String alertId) {
    return Sql.call("read an alert", () -> jdbi.withHandle(h ->
        h.createQuery("SELECT " + COLUMNS + FROM + " WHERE a.tenant_id = :tenant AND a.id = :id")
            .bind("tenant", tenantId)
            .bind("id", alertId)
            .map(JdbcAlertStore::map)
            .findOne()));
  }

  @Override
  public Page<Alert> list(String tenantId, AlertQuery query, PageRequest page) {
    StringBuilder where = new StringBuilder(" WHERE a.tenant_id = :tenant");
    if (query.kind() != null) {
      where.append(" AND a.kind = :kind");
    }
    if (query.state() != null) {
      where.append(" AND a.state = :state");
    }
    if (query.taskType() != null) {
      where.append(" AND a.task_type = :task");
    }
    if (query.since() != null) {
      where.append(" AND a.created_at >= :since");
    }
    if (query.until() != null) {
      where.append(" AND a.created_at < :until");
    }
    if (Boolean.TRUE.equals(query.open())) {
      where.append(" AND a.state = 'firing' AND r.id IS NULL");
    } else if (Boolean.FALSE.equals(query.open())) {
      where.append(" AND (a.state <> 'firing' OR r.id IS NOT NULL)");
    }
    if (page.afterId() != null) {
      where.append(" AND a.id < :after");
    }
    return Sql.call("list alerts", () -> jdbi.withHandle(h -> {
      Query q = h.createQuery("SELECT " + COLUMNS + FROM + where + " ORDER BY a.id DESC LIMIT :limit")
          .bind("tenant", tenantId)
          .bind("kind", query.kind())
          .bind("state", query.state() == null ? null : query.state().wireName())
          .bind("task", query.taskType())
          .bind("since", Times.toMillis(query.since()))
          .bind("until", Times.toMillis(query.until()))
          .bind("after", page.afterId())
          .bind("limit", page.limit() + 1);
      return Page.fromOverfetch(q.map(JdbcAlertStore::map).list(), page.limit(), Alert::id);
    }));
  }

  @Override
  public Optional<Alert> findOpen(String tenantId, String kind, String taskType) {
    return Sql.call("read an alert", () -> jdbi.withHandle(h ->
        h.createQuery("SELECT " + COLUMNS + FROM + " WHERE a.tenant_id = :tenant AND a.kind = :kind"
                + " AND a.task_type = :task AND a.state = 'firing' AND r.id IS NULL ORDER BY a.id DESC LIMIT 1")
            .bind("tenant", tenantId)
            .bind("kind", kind)
            .bind("task", taskType)
            .map(JdbcAlertStore::map)
            .findOne()));
  }

  @Override
  public List<Alert> open(Collection<String> kinds) {
    if (kinds.isEmpty()) {
      return List.of();
    }
    return Sql.call("read open alerts", () -> jdbi.withHandle(h ->
        h.createQuery("SELECT " + COLUMNS + FROM + " WHERE a.state = 'firing' AND r.id IS NULL"
                + " AND a.kind IN (<kinds>) ORDER BY a.id")
            .bindList("kinds", new ArrayList<>(kinds))
            .map(JdbcAlertStore::map)
            .list()));
  }

  private static Alert map(ResultSet rs, StatementContext ctx) throws SQLException {
    Long windowSeconds = Rows.longOrNull(rs, "window_seconds");
    return new Alert(
        rs.getString("id"),
        rs.getString("tenant_id"),
        rs.getString("kind"),
        AlertState.fromWire(rs.getString("state"))
            .orElseThrow(() -> new IllegalStateException("stored alert has an unknown state")),
        rs.getString("task_type"),
        rs.getString("run_id"),
        Rows.doubleOrNull(rs, "observed"),
        Rows.doubleOrNull(rs, "threshold"),
        windowSeconds == null ? null : Duration.ofSeconds(windowSeconds),
        Rows.longOrNull(rs, "samples"),
        rs.getString("message"),
        Times.read(rs, "created_at"),
        rs.getString("fired_alert_id"),
        rs.getString("resolved_by_id"),
        rs.getString("dedupe_key"));
  }
}
