package dev.aegis.client;

import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/** Lists and reads the alerts of the key's tenant, newest first; reached with {@link AegisClient#alerts()}. */
public final class Alerts {
  private final Transport transport;

  Alerts(Transport transport) {
    this.transport = transport;
  }

  /** One page of the alerts that match, newest first; 400 naming each bad filter. */
  public Page<Alert> list(AlertFilter filter, PageQuery query) {
    Objects.requireNonNull(filter, "filter");
    return transport.get("/api/v1/alerts", filter.params(query), Transport.pageOf(Alert.class));
  }

  /** Every alert that matches, newest first, fetched page by page as the stream is consumed. */
  public Stream<Alert> listAll(AlertFilter filter) {
    return Pages.stream(query -> list(filter, query), PageQuery.first(PageQuery.MAX_LIMIT));
  }

  /** One alert by id ({@code alr_...}); 404 when it is not the key's tenant's. */
  public Alert get(String id) {
    return transport.get("/api/v1/alerts/" + Transport.segment(id), Map.of(), Transport.type(Alert.class));
  }
}
