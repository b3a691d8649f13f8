package dev.aegis.server.config;

import java.time.Duration;

/**
 * Telemetry retention and redaction.
 *
 * @param retentionDays the default days a run is kept after it ended
 * @param purgeInterval how often expired runs are deleted; zero turns the purge off
 * @param redactionKey the secret tenant hash keys derive from, or null for the generated redaction.key file
 */
public record TelemetryConfig(int retentionDays, Duration purgeInterval, String redactionKey) {
  /** The key is never printed. */
  @Override
  public String toString() {
    return "TelemetryConfig[retentionDays=" + retentionDays + ", purgeInterval=" + purgeInterval
        + ", redactionKey=" + (redactionKey == null ? "<from redaction.key file>" : "<set>") + "]";
  }
}
