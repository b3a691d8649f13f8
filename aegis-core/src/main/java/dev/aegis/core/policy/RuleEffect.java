package dev.aegis.core.policy;

import com.fasterxml.jackson.annotation.JsonValue;
/** What a rule does when its condition holds. */
public enum RuleEffect {
  ALLOW("allow"),
  DENY("deny"),
  REQUIRE_APPROVAL("require_approval");

  private final String wire;

  RuleEffect(String wire) {
    this.wire = wire;
  }

  /** The name used in policy documents. */
  @JsonValue
  public String wire() {
    return wire;
  }

  /** The effect with this document name, or null. */
  public static RuleEffect fromWire(String text) {
    for (RuleEffect e : values()) {
      if (e.wire.equals(text)) {
        return e;
      }
    }
    return null;
  }
}
