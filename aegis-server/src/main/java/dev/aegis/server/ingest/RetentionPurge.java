package dev.aegis.server.ingest;

import dev.aegis.core.page.Page;
import dev.aegis.core.page.PageRequest;
import dev.aegis.core.store.Store;
import dev.aegis.core.telemetry.TelemetrySettings;
import dev.aegis.core.tenant.Tenant;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes runs that ended more than their tenant's retention ago, on its own thread and in short transactions of
 * a few runs each, so that it never holds the write lock for long and never blocks ingest for more than one chunk.
 */
final class RetentionPurge implements AutoCloseable {
  static final int RUNS_PER_CHUNK = 100;
  private static final Logger LOG = LoggerFactory.getLogger(RetentionPurge.class);

  private final Store store;
  private final int defaultDays;
  private final Clock clock;
  private final ScheduledExecutorService scheduler;
  private volatile boolean closed;

  RetentionPurge(Store store, int defaultDays, Duration interval, Clock clock) {
    this.store = store;
    this.defaultDays = defaultDays;
    this.clock = clock;
    if (interval.isZero()) {
      this.scheduler = null;
    } else {
      this.scheduler = Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().name("aegis-retention").daemon(true).factory());
      long millis = interval.toMillis();
      scheduler.scheduleWithFixedDelay(this::runQuietly, millis, millis, TimeUnit.MILLISECONDS);
    }
  }

  private void runQuietly() {
    try {
      int purged = purgeNow();
      if (purged > 0) {
        LOG.info("Retention: deleted {} expired runs", purged);
      }
    } catch (RuntimeException e) {
      LOG.warn("Retention purge failed; it runs again at the next interval", e);
    }
  }

  /** One full pass over every tenant; returns how many runs were deleted. */
  int purgeNow() {
    int total = 0;
    PageRequest request = PageRequest.first(PageRequest.MAX_LIMIT);
    while (!closed) {
      Page<Tenant> tenants = store.tenants().list(request);
      for (Tenant tenant : tenants.items()) {
        total += purge(tenant.id());
      }
      if (tenants.nextAfterId() == null) {
        break;
      }
      request = new PageRequest(tenants.nextAfterId(), PageRequest.MAX_LIMIT);
    }
    return total;
  }

  private int purge(String tenantId) {
    Integer days = store.telemetrySettings().find(tenantId).map(TelemetrySettings::retentionDays).orElse(null);
    Instant cutoff = clock.instant().minus(Duration.ofDays(days == null ? defaultDays : days));
    int total = 0;
    int chunk;
    do {
      chunk = store.telemetry().purgeRunsEndedBefore(tenantId, cutoff, RUNS_PER_CHUNK);
      total += chunk;
    } while (chunk > 0 && !closed);
    return total;
  }

  @Override
  public void close() {
    closed = true;
    if (scheduler != null) {
      scheduler.shutdownNow();
      try {
        scheduler.awaitTermination(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
