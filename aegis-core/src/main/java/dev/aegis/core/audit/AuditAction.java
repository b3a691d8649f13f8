package dev.aegis.core.audit;

/** The actions the audit log records, named {@code <object>.<what happened>}. */
public final class AuditAction {
  public static final String TENANT_CREATED = "tenant.created";
  public static final String KEY_CREATED = "key.created";
  public static final String KEY_REVOKED = "key.revoked";
  public static final String POLICY_APPLIED = "policy.applied";
  public static final String POLICY_ROLLED_BACK = "policy.rolled_back";
  public static final String POLICY_DELETED = "policy.deleted";
  public static final String RATE_CAP_SET = "rate_cap.set";
  public static final String RATE_CAP_DELETED = "rate_cap.deleted";
  public static final String TELEMETRY_SETTINGS_CHANGED = "telemetry_settings.changed";
  public static final String TASK_BUDGET_SET = "task_budget.set";
  public static final String TASK_BUDGET_DELETED = "task_budget.deleted";
  public static final String WEBHOOK_CREATED = "webhook.created";
  public static final String WEBHOOK_DELETED = "webhook.deleted";

  private AuditAction() {}
}
