package dev.aegis.server;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aegis.core.auth.KeySecrets;
import dev.aegis.core.id.IdGenerator;
import dev.aegis.core.store.Store;
import dev.aegis.server.auth.AdminKeyFile;
import dev.aegis.server.auth.Auth;
import dev.aegis.server.auth.Authenticator;
import dev.aegis.server.config.AegisConfig;
import dev.aegis.server.config.ServerConfig;
import dev.aegis.server.health.Health;
import dev.aegis.server.http.HttpConventions;
import dev.aegis.server.http.Json;
import dev.aegis.server.metrics.Metrics;
import dev.aegis.server.tenant.TenantResource;
import dev.aegis.store.JdbcStores;
import io.javalin.Javalin;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.server.handler.StatisticsHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A running control plane: the HTTP server and the store behind it. Closing it drains requests, then the store. */
public final class AegisServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AegisServer.class);

  private final AegisConfig config;
  private final Store store;
  private final Metrics metrics;
  private final String adminKey;
  private final Javalin app;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private boolean closed;

  private AegisServer(AegisConfig config, Store store, Metrics metrics, String adminKey, Javalin app) {
    this.config = config;
    this.store = store;
    this.metrics = metrics;
    this.adminKey = adminKey;
    this.app = app;
  }

  /** Opens (and migrates) the store, makes or reads the admin key, and starts serving. */
  public static AegisServer start(AegisConfig config) {
    return start(config, Clock.systemUTC());
  }

  /** As {@link #start(AegisConfig)}, with the clock that stamps created, used and revoked times. */
  public static AegisServer start(AegisConfig config, Clock clock) {
    applyLogLevel(config.log().level());
    SecureRandom random = new SecureRandom();
    KeySecrets secrets = new KeySecrets(random);
    try {
      Files.createDirectories(config.dataDir());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create the data directory " + config.dataDir(), e);
    }
    String adminKey = AdminKeyFile.resolve(config.auth().adminKey(), config.dataDir(), secrets);
    Store store = JdbcStores.open(config.store());
    Metrics metrics = new Metrics();
    try {
      ObjectMapper mapper = Json.newMapper();
      Authenticator authenticator = new Authenticator(store, adminKey, clock);
      IdGenerator ids = new IdGenerator(clock, random);
      Javalin app = Javalin.create(javalin -> {
        javalin.startup.showJavalinBanner = false;
        javalin.startup.showOldJavalinVersionWarning = false;
        javalin.startup.startupWatcherEnabled = false;
        javalin.concurrency.useVirtualThreads = true;
        javalin.jetty.host = config.server().host();
        javalin.jetty.port = config.server().port();
        javalin.jetty.modifyServer(server -> server.insertHandler(gracefulStop(server, config.server())));
        HttpConventions.install(javalin, config.http(), mapper);
        metrics.install(javalin);
        Health.install(javalin.routes, store);
        Auth.install(javalin.routes, authenticator, store);
        TenantResource.install(javalin.routes, store, ids, secrets, clock);
      });
      app.start();
      AegisServer server = new AegisServer(config, store, metrics, adminKey, app);
      LOG.info("Aegis listening on {} (store: {}, data: {})",
          server.baseUri(), store.kind(), config.dataDir().toAbsolutePath().normalize());
      return server;
    } catch (RuntimeException e) {
      metrics.close();
      store.close();
      throw e;
    }
  }

  /** The port actually bound (useful when the config asked for port 0). */
  public int port() {
    return app.port();
  }

  /** Such as {@code http://127.0.0.1:4318}; a wildcard listen address is reached through loopback. */
  public URI baseUri() {
    String host = config.server().host();
    if (host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]")) {
      host = "127.0.0.1";
    } else if (host.contains(":") && !host.startsWith("[")) {
      host = "[" + host + "]";
    }
    return URI.create("http://" + host + ":" + port());
  }

  /** The bootstrap admin key this server accepts (from configuration or the generated key file). */
  public String adminKey() {
    return adminKey;
  }

  /** Blocks until the server stops. */
  public void join() throws InterruptedException {
    stopped.await();
  }

  /** Stops accepting, drains in-flight requests (bounded by the drain timeout), then closes the store. */
  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    LOG.info("Aegis stopping; draining requests for up to {}", config.server().drainTimeout());
    try {
      app.stop();
    } catch (RuntimeException e) {
      LOG.warn("The HTTP server did not stop cleanly", e);
    } finally {
      try {
        metrics.close();
        store.close();
      } finally {
        stopped.countDown();
      }
    }
    LOG.info("Aegis stopped");
  }

  /** The store, for tests that break it on purpose. */
  Store store() {
    return store;
  }

  /** Requests being handled right now, for tests of the graceful drain. */
  int requestsInFlight() {
    Server server = app.jettyServer().server();
    StatisticsHandler statistics = server.getDescendant(StatisticsHandler.class);
    return statistics == null ? 0 : statistics.getRequestsActive();
  }

  /** Whether {@link #close()} has begun stopping the HTTP server. */
  boolean isStopping() {
    Server server = app.jettyServer().server();
    return server.isStopping() || server.isStopped();
  }

  /**
   * Graceful stop: stop accepting, let in-flight requests finish within the drain timeout. Jetty would otherwise cut
   * a connection that pauses for a second during shutdown, which fails a client still sending its body.
   */
  private static GracefulHandler gracefulStop(Server server, ServerConfig config) {
    long drainMillis = config.drainTimeout().toMillis();
    server.setStopTimeout(drainMillis);
    GracefulHandler graceful = new GracefulHandler();
    graceful.setShutdownIdleTimeout(Math.max(drainMillis, 1));
    return graceful;
  }

  private static void applyLogLevel(String level) {
    if (LoggerFactory.getILoggerFactory() instanceof LoggerContext logback) {
      logback.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(Level.toLevel(level, Level.INFO));
    }
  }
}
