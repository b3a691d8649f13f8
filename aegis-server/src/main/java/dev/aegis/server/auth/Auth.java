package dev.aegis.server.auth;

import dev.aegis.core.auth.Role;
import dev.aegis.core.store.Store;
import dev.aegis.core.tenant.Tenant;
import io.javalin.config.RoutesConfig;
import java.util.List;

/** Puts every {@code /api/v1} route behind a bearer key and answers {@code GET /api/v1/whoami}. */
public final class Auth {
  public static final String API_PATHS = "/api/v1/*";

  private Auth() {}

  public static void install(RoutesConfig routes, Authenticator authenticator, Store store) {
    routes.beforeMatched(API_PATHS, ctx ->
        ctx.attribute(Principal.ATTRIBUTE, authenticator.authenticate(ctx.header("Authorization"))));
    routes.get("/api/v1/whoami", ctx -> {
      Principal principal = Principal.of(ctx);
      String tenantName = principal.system()
          ? null
          : store.tenants().findById(principal.tenantId()).map(Tenant::name).orElse(null);
      List<String> roles = principal.roles().stream().sorted().map(Role::wireName).toList();
      ctx.json(new WhoAmI(
          principal.tenantId(), tenantName, principal.keyId(), principal.keyName(), roles, principal.system()));
    });
  }

  private record WhoAmI(
      String tenantId, String tenantName, String keyId, String keyName, List<String> roles, boolean system) {}
}
