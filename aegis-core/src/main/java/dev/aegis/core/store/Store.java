package dev.aegis.core.store;

import dev.aegis.core.alert.AlertStore;
import dev.aegis.core.audit.AuditLog;
import dev.aegis.core.auth.ApiKeyStore;
import dev.aegis.core.policy.CapOverrideStore;
import dev.aegis.core.policy.DecisionLog;
import dev.aegis.core.policy.PolicyStore;
import dev.aegis.core.policy.rate.RateBuckets;
import dev.aegis.core.taskbudget.TaskBudgetStore;
import dev.aegis.core.telemetry.TelemetrySettingsStore;
import dev.aegis.core.telemetry.TelemetryStore;
import dev.aegis.core.tenant.TenantStore;
import dev.aegis.core.webhook.WebhookStore;
import java.util.function.Supplier;

/** The whole persistent state of Aegis, reached through one port per feature. */
public interface Store extends AutoCloseable {
  TenantStore tenants();

  ApiKeyStore keys();

  TaskBudgetStore taskBudgets();

  AlertStore alerts();

  WebhookStore webhooks();

  /** Spans, runs and what is derived from them. */
  TelemetryStore telemetry();

  /** Each tenant's capture level, retention and redaction additions. */
  TelemetrySettingsStore telemetrySettings();

  /** Policies as histories of immutable versions. */
  PolicyStore policies();

  /** Logged decisions, for queries, run timelines and policy simulations. */
  DecisionLog decisions();

  /** Rate caps set at runtime by operators or tightened by the gateway. */
  CapOverrideStore capOverrides();

  /** Rate-cap token buckets shared by every server on the database. */
  RateBuckets rateBuckets();

  /** Each tenant's tamper-evident chain of changes. */
  AuditLog audit();

  /**
   * Runs {@code work} in one database transaction: every port call it makes on this thread joins that transaction,
   * so its writes commit together or, when it throws, not at all. A change and its audit entry are written so.
   */
  <T> T inTransaction(Supplier<T> work);

  /** Whether the database answers right now; used by {@code /readyz}. */
  boolean isReachable();

  /** Which database this is, such as {@code sqlite} or {@code postgresql}, for logs and metrics. */
  String kind();

  /** Closes connections; pending writes have already committed, since every write commits before it returns. */
  @Override
  void close();
}
