package dev.aegis.client;

import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Rate-cap overrides of the key's tenant: raise or lower a connector's cap at runtime, for a while; reached with
 * {@link AegisClient#rateCaps()}. Needs an {@code operator} or {@code admin} key.
 */
public final class RateCaps {
  private final Transport transport;

  RateCaps(Transport transport) {
    this.transport = transport;
  }

  /**
   * Sets an override; it applies to the next decision. A new override for the same agent and connector replaces
   * the old one. 422 with a pointer per bad field (nothing is stored).
   */
  public RateCap create(RateCapSpec spec) {
    Objects.requireNonNull(spec, "spec");
    return transport.post("/api/v1/rate-caps", spec, Transport.type(RateCap.class));
  }

  /** One page of the overrides in force (expired ones are left out). */
  public Page<RateCap> list(PageQuery query) {
    return transport.get("/api/v1/rate-caps", Tenants.params(query), Transport.pageOf(RateCap.class));
  }

  /** Every override in force, fetched page by page as the stream is consumed. */
  public Stream<RateCap> listAll() {
    return Pages.stream(this::list, PageQuery.first(PageQuery.MAX_LIMIT));
  }

  /** Ends an override now: the policies' cap applies again. 404 when there is no such override. */
  public void delete(String id) {
    transport.delete("/api/v1/rate-caps/" + Transport.segment(id));
  }
}
