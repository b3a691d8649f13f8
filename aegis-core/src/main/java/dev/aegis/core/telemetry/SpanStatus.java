package dev.aegis.core.telemetry;

import java.util.Locale;

/** A span's status code, as OpenTelemetry defines it. */
public enum SpanStatus {
  UNSET,
  OK,
  ERROR;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static SpanStatus fromWire(String name) {
    return valueOf(name.toUpperCase(Locale.ROOT));
  }
}
