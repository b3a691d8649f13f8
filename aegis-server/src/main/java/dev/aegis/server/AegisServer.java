package dev.aegis.server;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aegis.core.AegisException;
import dev.aegis.core.auth.KeySecrets;
import dev.aegis.core.crypto.SecretBox;
import dev.aegis.core.id.IdGenerator;
import dev.aegis.core.store.Store;
import dev.aegis.server.alert.AlertRecorder;
import dev.aegis.server.alert.AlertResource;
import dev.aegis.server.audit.Audit;
import dev.aegis.server.auth.AdminKeyFile;
import dev.aegis.server.auth.Auth;
import dev.aegis.server.auth.Authenticator;
import dev.aegis.server.config.AegisConfig;
import dev.aegis.server.health.Health;
import dev.aegis.server.http.HttpConventions;
import dev.aegis.server.http.Json;
import dev.aegis.server.ingest.Telemetry;
import dev.aegis.server.metrics.Metrics;
import dev.aegis.server.policy.Policies;
import dev.aegis.server.secret.MasterKey;
import dev.aegis.server.taskbudget.TaskBudgets;
import dev.aegis.server.query.QueryResource;
import dev.aegis.server.tenant.TenantResource;
import dev.aegis.server.webhook.Webhooks;
import dev.aegis.store.JdbcStores;
import io.javalin.Javalin;
import io.javalin.util.JavalinBindException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A running control plane: the HTTP server and the store behind it. Closing it drains requests, then the store. */
public final class AegisServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AegisServer.class);

  private final AegisConfig config;
  private final Store store;
  private final Metrics metrics;
  private final Telemetry telemetry;
  private final TaskBudgets taskBudgets;
  private final Webhooks webhooks;
  private final Policies policies;
  private final Drain drain;
  private final String adminKey;
  private final Javalin app;
  private final int port;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private boolean closed;

  private AegisServer(AegisConfig config, Store store, Metrics metrics, Telemetry telemetry, TaskBudgets taskBudgets,
      Webhooks webhooks, Policies policies, Drain drain, String adminKey, Javalin app) {
    this.config = config;
    this.store = store;
    this.metrics = metrics;
    this.telemetry = telemetry;
    this.taskBudgets = taskBudgets;
    this.webhooks = webhooks;
    this.policies = policies;
    this.drain = drain;
    this.adminKey = adminKey;
    this.app = app;
    this.port = app.port(); // kept: once draining begins, the connector no longer reports it
  }

  /**
   * Opens (and migrates) the store, makes or reads the admin and master keys, and starts serving.
   *
   * @throws AegisException when the server cannot start (data directory, key files, store, port in use); its
   *     message says what to change
   */
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
      throw new AegisException("Cannot create the data directory " + config.dataDir().toAbsolutePath()
          + ": " + e.getMessage() + "; set data.dir (--data) to a writable directory", e);
    }
    String adminKey = AdminKeyFile.resolve(config.auth().adminKey(), config.dataDir(), secrets);
    byte[] masterKey = MasterKey.resolve(config.secrets().masterKey(), config.dataDir(), random);
    SecretBox secretBox = new SecretBox(masterKey, random);
    Store store = JdbcStores.open(config.store());
    Metrics metrics = new Metrics();
    Drain drain = new Drain(config.server().drainTimeout());
    Telemetry telemetry = null;
    TaskBudgets taskBudgets = null;
    Webhooks webhooks = null;
    Policies policies = null;
    try {
      ObjectMapper mapper = Json.newMapper();
      Authenticator authenticator = new Authenticator(store, adminKey, clock);
      IdGenerator ids = new IdGenerator(clock, random);
      Audit audit = Audit.create(store, masterKey, clock, ids, mapper);
      webhooks = Webhooks.start(config.webhooks(), store, secretBox, ids, random, mapper, metrics.registry(), clock,
          audit.trail());
      AlertRecorder alerts = new AlertRecorder(store.alerts(), webhooks.outbox(), ids, mapper, metrics.registry());
      taskBudgets = TaskBudgets.start(config.taskBudgets(), store, alerts, metrics.registry(), clock, audit.trail());
      telemetry = Telemetry.start(config, store, authenticator, metrics.registry(), clock, taskBudgets.observer(),
          audit.trail());
      policies = Policies.start(config.policy(), store, telemetry::redactor, ids, clock, audit.trail());
      Telemetry ingest = telemetry;
      Policies policy = policies;
      TaskBudgets budgets = taskBudgets;
      Webhooks hooks = webhooks;
      Javalin app = Javalin.create(javalin -> {
        javalin.startup.showJavalinBanner = false;
        javalin.startup.showOldJavalinVersionWarning = false;
        javalin.startup.startupWatcherEnabled = false;
        javalin.concurrency.useVirtualThreads = true;
        javalin.jetty.host = config.server().host();
        javalin.jetty.port = config.server().port();
        javalin.jetty.modifyServer(drain::install);
        HttpConventions.install(javalin, config.http(), mapper);
        metrics.install(javalin);
        Health.install(javalin.routes, store);
        Auth.install(javalin.routes, authenticator, store);
        TenantResource.install(javalin.routes, store, ids, secrets, clock, audit.trail());
        audit.install(javalin.routes);
        ingest.install(javalin.routes);
        budgets.install(javalin.routes);
        AlertResource.install(javalin.routes, store.alerts());
        hooks.install(javalin.routes);
        policy.install(javalin.routes);
        QueryResource.install(javalin.routes, store.telemetry(), policy.decisionLog(), config.query(), clock);
      });
      try {
        app.start();
      } catch (JavalinBindException e) {
        throw new AegisException("Cannot listen on " + config.server().host() + ":" + config.server().port()
            + ": " + e.getMessage() + " Choose another with --port or server.port.", e);
      }
      AegisServer server =
          new AegisServer(config, store, metrics, telemetry, taskBudgets, webhooks, policies, drain, adminKey, app);
      LOG.info("Aegis listening on {} (store: {}, data: {})",
          server.baseUri(), store.kind(), config.dataDir().toAbsolutePath().normalize());
      return server;
    } catch (RuntimeException e) {
      if (policies != null) {
        policies.close();
      }
      if (telemetry != null) {
        telemetry.close();
      }
      if (taskBudgets != null) {
        taskBudgets.close();
      }
      if (webhooks != null) {
        webhooks.close();
      }
      metrics.close();
      store.close();
      throw e;
    }
  }

  /** The port actually bound (useful when the config asked for port 0). */
  public int port() {
    return port;
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
    LOG.info("Aegis stopping; draining requests for up to {} ms", config.server().drainTimeout().toMillis());
    try {
      if (!drain.drain(app.jettyServer().server())) {
        LOG.warn("Requests still running after {}; cutting them off", config.server().drainTimeout());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      LOG.warn("Draining requests failed", e);
    }
    try {
      app.stop();
    } catch (RuntimeException e) {
      LOG.warn("The HTTP server did not stop cleanly", e);
    } finally {
      try {
        telemetry.close(); // commits what the drained requests queued
        policies.close(); // writes the decisions still queued for the log
        taskBudgets.close(); // judges what ingest committed, and stores the alerts
        webhooks.close(); // finishes attempts under way; the rest stays in the outbox
        metrics.close();
        store.close();
      } finally {
        stopped.countDown();
      }
    }
    LOG.info("Aegis stopped");
  }

  /** The store, for tests that break it on purpose or read what was ingested. */
  public Store store() {
    return store;
  }

  /** The telemetry feature, for tests of retention and the ingest queue. */
  public Telemetry telemetry() {
    return telemetry;
  }

  /** The task budget feature, for tests that report runs to it directly. */
  public TaskBudgets taskBudgets() {
    return taskBudgets;
  }

  /** Requests being handled right now, for tests of the graceful drain. */
  long requestsInFlight() {
    return drain.inFlight();
  }

  /** Whether {@link #close()} has stopped accepting connections and is waiting for in-flight requests. */
  boolean isDraining() {
    return drain.isStarted();
  }

  private static void applyLogLevel(String level) {
    if (LoggerFactory.getILoggerFactory() instanceof LoggerContext logback) {
      logback.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(Level.toLevel(level, Level.INFO));
    }
  }
}
