package dev.aegis.core.telemetry;

import java.util.Locale;

/** What role a span plays in its trace, as OpenTelemetry defines it. */
public enum SpanKind {
  UNSPECIFIED,
  INTERNAL,
  SERVER,
  CLIENT,
  PRODUCER,
  CONSUMER;

  /** The name used on the wire and in storage, such as {@code client}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static SpanKind fromWire(String name) {
    return valueOf(name.toUpperCase(Locale.ROOT));
  }
}
