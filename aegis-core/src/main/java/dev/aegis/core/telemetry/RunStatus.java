package dev.aegis.core.telemetry;

import java.util.Locale;

/** How a run went: {@code error} as soon as any of its spans failed, else {@code ok}. */
public enum RunStatus {
  OK,
  ERROR;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static RunStatus fromWire(String name) {
    return valueOf(name.toUpperCase(Locale.ROOT));
  }
}
