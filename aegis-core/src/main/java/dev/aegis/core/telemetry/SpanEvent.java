package dev.aegis.core.telemetry;

import java.util.Map;

/**
 * A timestamped event inside a span (an exception, a state transition, a policy decision).
 *
 * @param timeUnixNanos when it happened, nanoseconds since the epoch
 * @param name the event name, such as {@code exception} or {@code aegis.state_transition}
 * @param attributes its attributes, already redacted
 */
public record SpanEvent(long timeUnixNanos, String name, Map<String, Object> attributes) {
  public SpanEvent {
    attributes = Attributes.copyOf(attributes);
  }
}
