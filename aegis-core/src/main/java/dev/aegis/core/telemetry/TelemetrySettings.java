package dev.aegis.core.telemetry;

import dev.aegis.core.redact.CaptureLevel;
import dev.aegis.core.redact.RedactionPolicy;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One tenant's telemetry settings: what of raw content is kept, how long telemetry is kept, and its redaction
 * additions. A tenant that never set them has {@link #defaults(String)}.
 *
 * @param captureLevel how much raw prompt and message content is kept
 * @param retentionDays how many days runs are kept after they end, or null for the server's default
 * @param patterns the tenant's own redaction patterns, name to Java regex, in order
 * @param allow attribute-key globs whose values are kept verbatim
 * @param deny attribute-key globs whose values are hidden whole
 * @param updatedAt when they were last changed, or null for the defaults
 */
public record TelemetrySettings(
    String tenantId,
    CaptureLevel captureLevel,
    Integer retentionDays,
    Map<String, String> patterns,
    List<String> allow,
    List<String> deny,
    Instant updatedAt) {
  public static final int MAX_RETENTION_DAYS = 3650;

  public TelemetrySettings {
    captureLevel = captureLevel == null ? CaptureLevel.HASH : captureLevel;
    patterns = patterns == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(patterns));
    allow = allow == null ? List.of() : List.copyOf(allow);
    deny = deny == null ? List.of() : List.copyOf(deny);
  }

  public static TelemetrySettings defaults(String tenantId) {
    return new TelemetrySettings(tenantId, CaptureLevel.HASH, null, Map.of(), List.of(), List.of(), null);
  }

  /**
   * The redaction policy these settings make with the tenant's hash key.
   *
   * @throws dev.aegis.core.redact.InvalidRedactionPolicyException when a pattern or glob is not valid
   */
  public RedactionPolicy toPolicy(byte[] hashKey) {
    return new RedactionPolicy(captureLevel, patterns, allow, deny, hashKey);
  }
}
