package dev.aegis.client;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which audit entries {@link Audit#list} returns; null fields do not filter, the others combine with AND.
 *
 * <pre>{@code
 * AuditFilter.any().withAction("policy.*").withSince("-7d")
 * }</pre>
 *
 * @param actor a key id, or {@code system}
 * @param action such as {@code key.created}, or a prefix such as {@code policy.*}
 * @param since at or after: an RFC 3339 time, or a time back from now on the server's clock such as {@code -1h}
 * @param until before, in the same forms; must be after {@code since}
 * @param tenant the tenant's id or name: required with the system admin key, optional (its own) with others
 */
public record AuditFilter(String actor, String action, String objectType, String objectId, String since,
    String until, String tenant) {
  /** Every entry of the key's tenant. */
  public static AuditFilter any() {
    return new AuditFilter(null, null, null, null, null, null, null);
  }

  public AuditFilter withActor(String actor) {
    return new AuditFilter(actor, action, objectType, objectId, since, until, tenant);
  }

  public AuditFilter withAction(String action) {
    return new AuditFilter(actor, action, objectType, objectId, since, until, tenant);
  }

  public AuditFilter withObject(String objectType, String objectId) {
    return new AuditFilter(actor, action, objectType, objectId, since, until, tenant);
  }

  /** Such as {@code 2026-11-25T12:00:00Z} or {@code -1h}. */
  public AuditFilter withSince(String since) {
    return new AuditFilter(actor, action, objectType, objectId, since, until, tenant);
  }

  public AuditFilter withSince(Instant since) {
    return withSince(since == null ? null : since.toString());
  }

  /** Such as {@code 2026-11-25T12:00:00Z} or {@code -15m}. */
  public AuditFilter withUntil(String until) {
    return new AuditFilter(actor, action, objectType, objectId, since, until, tenant);
  }

  public AuditFilter withUntil(Instant until) {
    return withUntil(until == null ? null : until.toString());
  }

  public AuditFilter withTenant(String tenant) {
    return new AuditFilter(actor, action, objectType, objectId, since, until, tenant);
  }

  /** The query parameters, paging ones included. */
  Map<String, String> params(PageQuery query) {
    Map<String, String> params = new LinkedHashMap<>();
    put(params, "actor", actor);
    put(params, "action", action);
    put(params, "object_type", objectType);
    put(params, "object_id", objectId);
    put(params, "from", since);
    put(params, "to", until);
    put(params, "tenant", tenant);
    params.putAll(Tenants.params(query));
    return params;
  }

  private static void put(Map<String, String> params, String name, Object value) {
    if (value != null) {
      params.put(name, value.toString());
    }
  }
}
