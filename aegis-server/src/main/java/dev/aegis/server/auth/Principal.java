package dev.aegis.server.auth;

import dev.aegis.core.auth.Role;
import io.javalin.http.Context;
import java.util.Set;

/**
 * Who is calling: the system admin (bootstrap key) or a tenant key with its roles.
 *
 * @param tenantId the key's tenant, or null for the system admin
 * @param keyId the key's id, or null for the system admin
 * @param keyName the key's name; {@code bootstrap} for the system admin
 * @param roles what the key may do
 * @param system whether this is the system admin, who manages tenants and every tenant's keys
 */
public record Principal(String tenantId, String keyId, String keyName, Set<Role> roles, boolean system) {
  static final String ATTRIBUTE = "aegis.principal";

  public Principal {
    roles = Set.copyOf(roles);
  }

  public static Principal systemAdmin() {
    return new Principal(null, null, "bootstrap", Set.of(Role.ADMIN), true);
  }

  public boolean hasRole(Role role) {
    return roles.contains(role);
  }

  /** Whether this principal may see objects of the tenant at all (its own tenant, or any for the system admin). */
  public boolean canSee(String otherTenantId) {
    return system || (tenantId != null && tenantId.equals(otherTenantId));
  }

  /** The authenticated caller of an {@code /api/v1} request. */
  public static Principal of(Context ctx) {
    Object principal = ctx.attribute(ATTRIBUTE);
    if (principal instanceof Principal p) {
      return p;
    }
    throw new IllegalStateException("no principal: the route is not behind authentication");
  }
}
