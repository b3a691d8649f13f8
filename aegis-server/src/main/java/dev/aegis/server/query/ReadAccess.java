package dev.aegis.server.query;

import dev.aegis.core.auth.Role;
import dev.aegis.server.auth.Principal;
import dev.aegis.server.http.ProblemException;
import dev.aegis.server.http.ProblemType;
import io.javalin.http.Context;
import java.util.Set;

/**
 * Who may read runs: a tenant's operator, approver and admin keys, within their own tenant. Agent keys may not:
 * an agent writes telemetry but has no business reading other agents' runs, prompts and tool calls. The system
 * admin owns no runs.
 */
final class ReadAccess {
  static final Set<Role> READERS = Set.of(Role.OPERATOR, Role.APPROVER, Role.ADMIN);

  private ReadAccess() {}

  /** The tenant whose runs this request may read; 403 otherwise. */
  static String tenantOf(Context ctx) {
    Principal principal = Principal.of(ctx);
    if (principal.system()) {
      throw new ProblemException(ProblemType.FORBIDDEN, "Runs belong to a tenant; read them with an operator,"
          + " approver or admin key of that tenant, not the system admin key.");
    }
    if (principal.roles().stream().noneMatch(READERS::contains)) {
      throw new ProblemException(ProblemType.FORBIDDEN, "Reading runs needs a key with the operator, approver or"
          + " admin role; this key has " + principal.roles().stream().map(Role::wireName).sorted().toList() + ".");
    }
    return principal.tenantId();
  }
}
