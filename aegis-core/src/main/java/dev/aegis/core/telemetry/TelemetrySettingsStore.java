package dev.aegis.core.telemetry;

import java.util.Optional;

/** Stores each tenant's {@link TelemetrySettings}. */
public interface TelemetrySettingsStore {
  /** The tenant's settings, or empty when it never set any (then {@link TelemetrySettings#defaults} apply). */
  Optional<TelemetrySettings> find(String tenantId);

  /** Stores the tenant's settings, replacing any it had. */
  void put(TelemetrySettings settings);
}
