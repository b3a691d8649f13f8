package dev.aegis.server.ingest;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.aegis.core.redact.Redactor;
import dev.aegis.core.telemetry.SpanMapper;
import dev.aegis.core.telemetry.TelemetrySettings;
import dev.aegis.core.telemetry.TelemetrySettingsStore;
import java.time.Duration;

/**
 * Each tenant's {@link SpanMapper}, built from its settings and hash key and kept for a short while, so that
 * redaction patterns are compiled once, not per request. A change on this server applies at once; one made on
 * another server sharing the database applies within {@link #REFRESH}.
 */
final class TenantMappers {
  static final Duration REFRESH = Duration.ofSeconds(30);

  private final TelemetrySettingsStore settings;
  private final RedactionKeys keys;
  private final Cache<String, SpanMapper> mappers = Caffeine.newBuilder()
      .maximumSize(10_000)
      .expireAfterWrite(REFRESH)
      .build();

  TenantMappers(TelemetrySettingsStore settings, RedactionKeys keys) {
    this.settings = settings;
    this.keys = keys;
  }

  SpanMapper of(String tenantId) {
    return mappers.get(tenantId, id -> {
      TelemetrySettings tenant = settings.find(id).orElseGet(() -> TelemetrySettings.defaults(id));
      return new SpanMapper(new Redactor(tenant.toPolicy(keys.forTenant(id))));
    });
  }

  /** Checks that settings make a valid policy (with this tenant's key); throws the redaction engine's exception. */
  void validate(TelemetrySettings tenant) {
    tenant.toPolicy(keys.forTenant(tenant.tenantId()));
  }

  void invalidate(String tenantId) {
    mappers.invalidate(tenantId);
  }
}
