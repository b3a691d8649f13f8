package dev.aegis.core.policy;

import com.fasterxml.jackson.annotation.JsonValue;

/** The four answers of the decision point. */
public enum Outcome {
  ALLOW("allow"),
  DENY("deny"),
  REQUIRE_APPROVAL("require_approval"),
  RATE_LIMITED("rate_limited");

  private final String wire;

  Outcome(String wire) {
    this.wire = wire;
  }

  @JsonValue
  public String wire() {
    return wire;
  }

  /** The outcome a wire name names, if any. */
  public static java.util.Optional<Outcome> fromWireOptional(String text) {
    return java.util.Optional.ofNullable(fromWire(text));
  }

  /** The outcome with this wire name, or null. */
  public static Outcome fromWire(String text) {
    for (Outcome o : values()) {
      if (o.wire.equals(text)) {
        return o;
      }
    }
    return null;
  }
}
