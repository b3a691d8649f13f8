package dev.aegis.server.health;

import dev.aegis.core.store.Store;
import dev.aegis.server.http.ProblemException;
import dev.aegis.server.http.ProblemType;
import io.javalin.config.RoutesConfig;
import java.util.List;
import java.util.Map;

/** {@code /healthz} (the process runs) and {@code /readyz} (the store answers); neither needs a key. */
public final class Health {
  private Health() {}

  public static void install(RoutesConfig routes, Store store) {
    routes.get("/healthz", ctx -> ctx.json(new Up("up")));
    routes.get("/readyz", ctx -> {
      boolean reachable;
      try {
        reachable = store.isReachable();
      } catch (RuntimeException e) {
        reachable = false;
      }
      if (!reachable) {
        throw new ProblemException(
            ProblemType.UNAVAILABLE,
            "The " + store.kind() + " store cannot be reached; the server is not ready.",
            List.of(),
            Map.of("Retry-After", "5"));
      }
      ctx.json(new Ready("ready", store.kind()));
    });
  }

  private record Up(String status) {}

  private record Ready(String status, String store) {}
}
