package dev.aegis.client;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/** Creates, reads and lists tenants; reached with {@link AegisClient#tenants()}. */
public final class Tenants {
  private final Transport transport;

  Tenants(Transport transport) {
    this.transport = transport;
  }

  /** Creates a tenant (system admin key only); 409 when the name is taken, 422 when it is not a valid name. */
  public Tenant create(String name) {
    return transport.post("/api/v1/tenants", Map.of("name", name), Transport.type(Tenant.class));
  }

  /** A tenant by its id ({@code ten_...}) or its name; 404 when there is none the key may see. */
  public Tenant get(String idOrName) {
    return transport.get(
        "/api/v1/tenants/" + Transport.segment(idOrName), Map.of(), Transport.type(Tenant.class));
  }

  /** One page of the tenants this key may see: all of them for the system admin, its own for a tenant admin. */
  public Page<Tenant> list(PageQuery query) {
    return transport.get("/api/v1/tenants", params(query), Transport.pageOf(Tenant.class));
  }

  /** Every tenant this key may see, fetched page by page as the stream is consumed. */
  public Stream<Tenant> listAll() {
    return Pages.stream(this::list, PageQuery.first(PageQuery.MAX_LIMIT));
  }

  static Map<String, String> params(PageQuery query) {
    Map<String, String> params = new LinkedHashMap<>();
    if (query.limit() != null) {
      params.put("limit", query.limit().toString());
    }
    if (query.cursor() != null) {
      params.put("cursor", query.cursor());
    }
    return params;
  }
}
