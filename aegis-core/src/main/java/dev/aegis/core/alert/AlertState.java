package dev.aegis.core.alert;

import java.util.Locale;
import java.util.Optional;

/** Whether an alert says that something went wrong, or that it is over. */
public enum AlertState {
  FIRING,
  RESOLVED;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<AlertState> fromWire(String name) {
    for (AlertState state : values()) {
      if (state.wireName().equals(name)) {
        return Optional.of(state);
      }
    }
    return Optional.empty();
  }
}
