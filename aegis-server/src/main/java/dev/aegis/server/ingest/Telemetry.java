package dev.aegis.server.ingest;

import dev.aegis.core.store.Store;
import dev.aegis.core.redact.Redactor;
import dev.aegis.core.taskbudget.RunObserver;
import dev.aegis.server.audit.AuditTrail;
import dev.aegis.server.auth.Authenticator;
import dev.aegis.server.config.AegisConfig;
import io.javalin.config.RoutesConfig;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;

/**
 * The telemetry feature of the server: OTLP ingest at {@code /v1/traces} with its group-commit writer, the
 * settings routes, and the retention purge. Close it after the HTTP server has drained, before the store.
 */
public final class Telemetry implements AutoCloseable {
  public static final String TRACES_PATH = "/v1/traces";

  private final GroupCommit writer;
  private final RetentionPurge purge;
  private final TraceExport export;
  private final SettingsRoutes settings;
  private final TenantMappers mappers;

  private Telemetry(GroupCommit writer, RetentionPurge purge, TraceExport export, SettingsRoutes settings,
      TenantMappers mappers) {
    this.mappers = mappers;
    this.writer = writer;
    this.purge = purge;
    this.export = export;
    this.settings = settings;
  }

  /**
   * @param observer told what each write transaction committed (task budgets judge the runs it finished)
   * @param audit records changes of telemetry settings
   */
  public static Telemetry start(AegisConfig config, Store store, Authenticator authenticator, MeterRegistry registry,
      Clock clock, RunObserver observer, AuditTrail audit) {
    RedactionKeys keys = RedactionKeys.resolve(config.telemetry().redactionKey(), config.dataDir());
    IngestMetrics metrics = new IngestMetrics(registry);
    TenantMappers mappers = new TenantMappers(store.telemetrySettings(), keys);
    GroupCommit writer = new GroupCommit(store.telemetry(), config.ingest().queueMaxSpans(),
        config.ingest().maxBatchSpans(), metrics, observer);
    RunCache runs = new RunCache(store.telemetry(), config.ingest().runCacheSpans());
    TraceExport export = new TraceExport(authenticator, mappers, runs, writer, metrics,
        config.ingest().maxConcurrentRequests(), config.http().maxBodyBytes(), config.ingest().retryAfterSeconds());
    RetentionPurge purge = new RetentionPurge(store, config.telemetry().retentionDays(),
        config.telemetry().purgeInterval(), clock);
    return new Telemetry(writer, purge, export,
        new SettingsRoutes(store.telemetrySettings(), mappers, config.telemetry().retentionDays(), clock, audit),
        mappers);
  }

  public void install(RoutesConfig routes) {
    routes.post(TRACES_PATH, export::handle);
    routes.get(SettingsRoutes.PATH, settings::get);
    routes.put(SettingsRoutes.PATH, settings::put);
  }

  /** The tenant's redactor, as its telemetry settings configure it: for other records that hold agent data. */
  public Redactor redactor(String tenantId) {
    return mappers.of(tenantId).redactor();
  }

  /** Runs the retention purge now, over every tenant; returns how many runs it deleted. */
  public int purgeExpired() {
    return purge.purgeNow();
  }

  /** Spans waiting for the writer right now. */
  public long queuedSpans() {
    return writer.queuedSpans();
  }

  /** Stops the purge, and lets the writer commit what is queued before it stops. */
  @Override
  public void close() {
    purge.close();
    writer.close();
  }
}
