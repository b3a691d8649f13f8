package dev.aegis.server.auth;

import dev.aegis.core.auth.Role;
import dev.aegis.server.http.ProblemException;
import dev.aegis.server.http.ProblemType;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * For routes whose objects belong to the caller's tenant ({@code /api/v1/alerts}, ...): the tenant of a key that has
 * one of the roles the route needs, or a 403 that says which roles would do. The system admin key belongs to no
 * tenant and owns no such objects.
 */
public final class TenantScope {
  private TenantScope() {}

  /**
   * @param action what the route does, for the message, such as {@code "reading alerts"}
   * @param anyOf the roles that may do it
   */
  public static String tenantOf(Principal principal, String action, Role... anyOf) {
    String roles = Arrays.stream(anyOf).map(Role::wireName).collect(Collectors.joining(" or "));
    if (principal.system()) {
      throw new ProblemException(ProblemType.FORBIDDEN, "The system admin key belongs to no tenant; " + action
          + " needs a key of the tenant with the " + roles + " role.");
    }
    for (Role role : anyOf) {
      if (principal.hasRole(role)) {
        return principal.tenantId();
      }
    }
    List<String> has = principal.roles().stream().sorted().map(Role::wireName).toList();
    throw new ProblemException(ProblemType.FORBIDDEN,
        capitalized(action) + " needs a key with the " + roles + " role; this key has " + has + ".");
  }

  private static String capitalized(String text) {
    return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
  }
}
