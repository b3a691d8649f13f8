package dev.aegis.server.alert;

import dev.aegis.core.alert.AlertStore;
import io.javalin.config.RoutesConfig;

/** Registers the alert routes of docs/api.md. */
public final class AlertResource {
  private AlertResource() {}

  public static void install(RoutesConfig routes, AlertStore alerts) {
    AlertRoutes alertRoutes = new AlertRoutes(alerts);
    routes.get("/api/v1/alerts", alertRoutes::list);
    routes.get("/api/v1/alerts/{alert_id}", alertRoutes::get);
  }
}
