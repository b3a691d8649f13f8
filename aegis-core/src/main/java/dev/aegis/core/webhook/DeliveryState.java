package dev.aegis.core.webhook;

import java.util.Locale;
import java.util.Optional;

/** Where a webhook delivery stands. */
public enum DeliveryState {
  /** Waiting for its next attempt. */
  PENDING,
  /** A receiver answered 2xx. */
  DELIVERED,
  /** Every attempt failed, or it can never succeed (its signing secret cannot be read). */
  FAILED,
  /** The webhook was deleted before the delivery succeeded. */
  CANCELLED;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<DeliveryState> fromWire(String name) {
    for (DeliveryState state : values()) {
      if (state.wireName().equals(name)) {
        return Optional.of(state);
      }
    }
    return Optional.empty();
  }
}
