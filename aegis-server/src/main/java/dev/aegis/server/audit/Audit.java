package dev.aegis.server.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aegis.core.audit.AuditChain;
import dev.aegis.core.id.IdGenerator;
import dev.aegis.core.store.Store;
import io.javalin.config.RoutesConfig;
import java.time.Clock;

/**
 * The audit feature of the server: the {@link AuditTrail} other features record their changes through, and the
 * {@code /api/v1/audit} routes that list, verify and export the log.
 */
public final class Audit {
  private final AuditTrail trail;
  private final AuditRoutes routes;

  private Audit(AuditTrail trail, AuditRoutes routes) {
    this.trail = trail;
    this.routes = routes;
  }

  /**
   * @param masterKey the master key; the chain is keyed by a key derived from it, so that the same master key is
   *     needed to verify what was written
   * @param mapper the API's JSON mapping
   */
  public static Audit create(Store store, byte[] masterKey, Clock clock, IdGenerator ids, ObjectMapper mapper) {
    AuditChain chain = new AuditChain(AuditChain.deriveKey(masterKey), clock, ids);
    return new Audit(new AuditTrail(store, chain, mapper), new AuditRoutes(store, chain, mapper, clock));
  }

  public void install(RoutesConfig config) {
    config.get("/api/v1/audit", routes::list);
    config.get("/api/v1/audit/verify", routes::verify);
    config.get("/api/v1/audit/export", routes::export);
  }

  /** Where features record their changes. */
  public AuditTrail trail() {
    return trail;
  }
}
