package dev.aegis.server.metrics;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.router.Endpoint;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmInfoMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.concurrent.TimeUnit;

/**
 * The server's Prometheus registry: a timer per request tagged by method, route template and status, plus JVM and
 * process metrics, served at {@code /metrics}.
 */
public final class Metrics implements AutoCloseable {
  static final String UNMATCHED_ROUTE = "UNMATCHED";
  private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final JvmGcMetrics gcMetrics = new JvmGcMetrics();

  public Metrics() {
    new JvmMemoryMetrics().bindTo(registry);
    gcMetrics.bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new JvmInfoMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    new FileDescriptorMetrics().bindTo(registry);
  }

  public MeterRegistry registry() {
    return registry;
  }

  /** Times every request and serves {@code GET /metrics}. */
  public void install(JavalinConfig config) {
    // a before-matched handler makes Javalin resolve the route template up front, so that requests ended early
    // (a 401 in auth, a 413 before the body is read) are still tagged with their route
    config.routes.beforeMatched(ctx -> {});
    config.requestLogger.http((ctx, ms) -> record(ctx, ms));
    config.routes.get("/metrics", ctx -> ctx.contentType(PROMETHEUS_TEXT).result(registry.scrape()));
  }

  private void record(Context ctx, float executionTimeMs) {
    Timer.builder("http.server.requests")
        .description("HTTP requests the server answered")
        .tag("method", ctx.method().name())
        .tag("route", routeOf(ctx))
        .tag("status", Integer.toString(ctx.statusCode()))
        .register(registry)
        .record((long) (executionTimeMs * 1_000_000L), TimeUnit.NANOSECONDS);
  }

  /** The route template, never the raw path, so that ids in paths do not explode the number of series. */
  static String routeOf(Context ctx) {
    Endpoint endpoint = ctx.endpoints().matchedHttpEndpoint();
    return endpoint == null ? UNMATCHED_ROUTE : endpoint.path;
  }

  @Override
  public void close() {
    gcMetrics.close();
    registry.close();
  }
}
