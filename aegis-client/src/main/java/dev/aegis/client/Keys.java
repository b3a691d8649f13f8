package dev.aegis.client;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Creates, reads, lists and revokes a tenant's API keys; reached with {@link AegisClient#keys()}. Every call takes
 * the tenant's id or name and needs the system admin key or one of the tenant's {@code admin} keys.
 */
public final class Keys {
  private final Transport transport;

  Keys(Transport transport) {
    this.transport = transport;
  }

  /**
   * Creates a key; the answer holds its secret, which the server never shows again.
   *
   * @param roles wire names ({@code agent}, {@code operator}, {@code approver}, {@code admin}); the server rejects
   *     unknown or repeated ones with 422
   */
  public CreatedKey create(String tenant, String name, Collection<String> roles) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("name", name);
    body.put("roles", List.copyOf(roles));
    return transport.post(path(tenant), body, Transport.type(CreatedKey.class));
  }

  /** Creates a key with the given roles; the answer holds its secret, which the server never shows again. */
  public CreatedKey create(String tenant, String name, Role role, Role... more) {
    List<String> roles = new ArrayList<>();
    roles.add(Objects.requireNonNull(role, "role").wireName());
    for (Role other : more) {
      roles.add(other.wireName());
    }
    return create(tenant, name, roles);
  }

  /** One key, without its secret; 404 when the tenant or the key is not there for this caller. */
  public ApiKeyInfo get(String tenant, String keyId) {
    return transport.get(
        path(tenant) + "/" + Transport.segment(keyId), Map.of(), Transport.type(ApiKeyInfo.class));
  }

  /** One page of the tenant's keys, revoked ones included. */
  public Page<ApiKeyInfo> list(String tenant, PageQuery query) {
    return transport.get(path(tenant), Tenants.params(query), Transport.pageOf(ApiKeyInfo.class));
  }

  /** Every key of the tenant, fetched page by page as the stream is consumed. */
  public Stream<ApiKeyInfo> listAll(String tenant) {
    return Pages.stream(query -> list(tenant, query), PageQuery.first(PageQuery.MAX_LIMIT));
  }

  /** Revokes a key: it answers 401 from then on. Revoking a revoked key is fine. */
  public void revoke(String tenant, String keyId) {
    transport.delete(path(tenant) + "/" + Transport.segment(keyId));
  }

  private static String path(String tenant) {
    return "/api/v1/tenants/" + Transport.segment(tenant) + "/keys";
  }
}
