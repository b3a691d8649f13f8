package dev.aegis.server.tenant;

import dev.aegis.core.auth.KeySecrets;
import dev.aegis.core.id.IdGenerator;
import dev.aegis.core.store.Store;
import dev.aegis.server.audit.AuditTrail;
import io.javalin.config.RoutesConfig;
import java.time.Clock;

/** Registers the tenant and API key routes of docs/api.md. */
public final class TenantResource {
  private TenantResource() {}

  public static void install(RoutesConfig routes, Store store, IdGenerator ids, KeySecrets secrets, Clock clock,
      AuditTrail audit) {
    TenantAccess access = new TenantAccess(store.tenants());
    TenantRoutes tenants = new TenantRoutes(store.tenants(), access, ids, clock, audit);
    KeyRoutes keys = new KeyRoutes(store.keys(), access, ids, secrets, clock, audit);

    routes.post("/api/v1/tenants", tenants::create);
    routes.get("/api/v1/tenants", tenants::list);
    routes.get("/api/v1/tenants/{tenant}", tenants::get);
    routes.post("/api/v1/tenants/{tenant}/keys", keys::create);
    routes.get("/api/v1/tenants/{tenant}/keys", keys::list);
    routes.get("/api/v1/tenants/{tenant}/keys/{key_id}", keys::get);
    routes.delete("/api/v1/tenants/{tenant}/keys/{key_id}", keys::revoke);
  }
}
