package dev.aegis.store;

import com.zaxxer.hikari.HikariDataSource;
import dev.aegis.core.alert.AlertStore;
import dev.aegis.core.audit.AuditLog;
import dev.aegis.core.auth.ApiKeyStore;
import dev.aegis.core.policy.CapOverrideStore;
import dev.aegis.core.policy.DecisionLog;
import dev.aegis.core.policy.PolicyStore;
import dev.aegis.core.policy.rate.RateBuckets;
import dev.aegis.core.store.Store;
import dev.aegis.core.taskbudget.TaskBudgetStore;
import dev.aegis.core.telemetry.TelemetrySettingsStore;
import dev.aegis.core.telemetry.TelemetryStore;
import dev.aegis.core.tenant.TenantStore;
import dev.aegis.core.webhook.WebhookStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Supplier;
import org.jdbi.v3.core.Jdbi;

/** The store on one JDBC database: a connection pool, and one port implementation per feature. */
final class JdbcStore implements Store {
  private static final int PING_TIMEOUT_SECONDS = 2;

  private final HikariDataSource dataSource;
  private final Dialect dialect;
  private final Jdbi jdbi;
  private final TenantStore tenants;
  private final ApiKeyStore keys;
  private final TaskBudgetStore taskBudgets;
  private final AlertStore alerts;
  private final WebhookStore webhooks;
  private final TelemetryStore telemetry;
  private final TelemetrySettingsStore telemetrySettings;
  private final PolicyStore policies;
  private final DecisionLog decisions;
  private final CapOverrideStore capOverrides;
  private final RateBuckets rateBuckets;
  private final AuditLog audit;
  private final SqliteCheckpointer checkpointer;

  JdbcStore(HikariDataSource dataSource, Dialect dialect) {
    this.dataSource = dataSource;
    this.dialect = dialect;
    Jdbi jdbi = Jdbi.create(dataSource);
    this.jdbi = jdbi;
    this.tenants = new JdbcTenantStore(jdbi, dialect);
    this.keys = new JdbcApiKeyStore(jdbi);
    this.taskBudgets = new JdbcTaskBudgetStore(jdbi);
    this.alerts = new JdbcAlertStore(jdbi, dialect);
    this.webhooks = new JdbcWebhookStore(jdbi, dialect);
    this.checkpointer = dialect == Dialect.SQLITE ? new SqliteCheckpointer(dataSource) : null;
    this.telemetry = new JdbcTelemetryStore(jdbi, dialect,
        checkpointer == null ? () -> {} : checkpointer::committed);
    this.telemetrySettings = new JdbcTelemetrySettingsStore(jdbi);
    this.policies = new JdbcPolicyStore(jdbi, dialect);
    this.decisions = new JdbcDecisionLog(jdbi, dialect);
    this.capOverrides = new JdbcCapOverrideStore(jdbi, dialect);
    this.rateBuckets = new JdbcRateBuckets(jdbi, dialect);
    this.audit = new JdbcAuditLog(jdbi, dialect);
  }

  @Override
  public TenantStore tenants() {
    return tenants;
  }

  @Override
  public ApiKeyStore keys() {
    return keys;
  }

  @Override
  public TaskBudgetStore taskBudgets() {
    return taskBudgets;
  }

  @Override
  public AlertStore alerts() {
    return alerts;
  }

  @Override
  public WebhookStore webhooks() {
    return webhooks;
  }

  @Override
  public TelemetryStore telemetry() {
    return telemetry;
  }

  @Override
  public TelemetrySettingsStore telemetrySettings() {
    return telemetrySettings;
  }

  @Override
  public PolicyStore policies() {
    return policies;
  }

  @Override
  public DecisionLog decisions() {
    return decisions;
  }

  @Override
  public CapOverrideStore capOverrides() {
    return capOverrides;
  }

  @Override
  public RateBuckets rateBuckets() {
    return rateBuckets;
  }

  @Override
  public AuditLog audit() {
    return audit;
  }

  /**
   * Every port shares one {@link Jdbi}, which hands the handle of a callback under way on this thread to nested
   * calls, and a nested transaction joins the open one: so the ports' own transactions become part of this one.
   */
  @Override
  public <T> T inTransaction(Supplier<T> work) {
    return Sql.call("commit a change", () -> jdbi.inTransaction(h -> work.get()));
  }

  @Override
  public boolean isReachable() {
    if (dataSource.isClosed()) {
      return false;
    }
    try (Connection c = dataSource.getConnection()) {
      return c.isValid(PING_TIMEOUT_SECONDS);
    } catch (SQLException | RuntimeException e) {
      return false;
    }
  }

  @Override
  public String kind() {
    return dialect.kind();
  }

  @Override
  public void close() {
    if (checkpointer != null) {
      checkpointer.close();
    }
    dataSource.close();
  }
}
