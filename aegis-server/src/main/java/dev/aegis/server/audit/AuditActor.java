package dev.aegis.server.audit;

import dev.aegis.core.audit.AuditRecord;
import dev.aegis.server.auth.Principal;
import dev.aegis.server.http.RequestIds;
import io.javalin.http.Context;

/**
 * Who made a change, and under which request: the calling key ({@code system} for the system admin key), or Aegis
 * itself for what it does on its own (an approval that times out, a break-glass that expires).
 *
 * @param id a key id or {@code system}
 * @param requestId the request, or null
 */
public record AuditActor(String id, String requestId) {
  /** The authenticated caller of the request. */
  public static AuditActor of(Context ctx) {
    Principal principal = Principal.of(ctx);
    return new AuditActor(principal.system() ? AuditRecord.SYSTEM : principal.keyId(), RequestIds.of(ctx));
  }

  /** Aegis itself, outside any request. */
  public static AuditActor system() {
    return new AuditActor(AuditRecord.SYSTEM, null);
  }
}
