package dev.aegis.server.tenant;

import dev.aegis.core.auth.Role;
import dev.aegis.core.tenant.Tenant;
import dev.aegis.core.tenant.TenantStore;
import dev.aegis.server.auth.Principal;
import dev.aegis.server.http.ProblemException;
import dev.aegis.server.http.ProblemType;
import java.util.Optional;

/**
 * Who may reach a tenant: the system admin, or the tenant's own keys. Another tenant's objects answer 404, exactly
 * as if they did not exist; a key of the right tenant without the role answers 403.
 */
final class TenantAccess {
  private final TenantStore tenants;

  TenantAccess(TenantStore tenants) {
    this.tenants = tenants;
  }

  /** The tenant named by a path's id or name, if this principal may administer it. */
  Tenant administrable(Principal principal, String idOrName) {
    Tenant tenant = visible(principal, idOrName);
    if (!principal.system() && !principal.hasRole(Role.ADMIN)) {
      throw new ProblemException(ProblemType.FORBIDDEN,
          "This needs a key with the admin role of tenant '" + tenant.name() + "'; this key has "
              + principal.roles().stream().map(Role::wireName).sorted().toList() + ".");
    }
    return tenant;
  }

  private Tenant visible(Principal principal, String idOrName) {
    Optional<Tenant> tenant = idOrName.startsWith(Tenant.ID_PREFIX + "_")
        ? tenants.findById(idOrName).or(() -> tenants.findByName(idOrName))
        : tenants.findByName(idOrName);
    return tenant
        .filter(t -> principal.canSee(t.id()))
        .orElseThrow(() -> new ProblemException(
            ProblemType.NOT_FOUND, "There is no tenant '" + idOrName + "' that this key can see."));
  }

  static void requireSystem(Principal principal, String action) {
    if (!principal.system()) {
      throw new ProblemException(ProblemType.FORBIDDEN,
          "Only the system admin key can " + action + "; tenant keys manage their own tenant.");
    }
  }

  static void requireAdmin(Principal principal, String action) {
    if (!principal.system() && !principal.hasRole(Role.ADMIN)) {
      throw new ProblemException(ProblemType.FORBIDDEN,
          "Only an admin key can " + action + "; this key has "
              + principal.roles().stream().map(Role::wireName).sorted().toList() + ".");
    }
  }
}
