package dev.aegis.core.policy;

import com.fasterxml.jackson.annotation.JsonValue;

/** The machine-readable half of a decision's reason; docs/policies.md lists them all. */
public enum ReasonCode {
  CAPABILITY_GRANTED("capability_granted"),
  RULE_ALLOW("rule_allow"),
  CAPABILITY_NOT_GRANTED("capability_not_granted"),
  CONNECTOR_NOT_GRANTED("connector_not_granted"),
  CONNECTOR_READ_ONLY("connector_read_only"),
  EXPLICIT_DENY("explicit_deny"),
  RULE_DENY("rule_deny"),
  RULE_APPROVAL("rule_approval"),
  RULE_ERROR("rule_error"),
  APPROVAL_THRESHOLD("approval_threshold"),
  VALIDATOR_FAILED("validator_failed"),
  RATE_LIMITED("rate_limited"),
  NO_POLICY("no_policy"),
  INVALID_POLICY("invalid_policy"),
  INVALID_REQUEST("invalid_request"),
  STORE_UNAVAILABLE("store_unavailable");

  private final String wire;

  ReasonCode(String wire) {
    this.wire = wire;
  }

  @JsonValue
  public String wire() {
    return wire;
  }

  /** The code with this wire name, or null. */
  public static ReasonCode fromWire(String text) {
    for (ReasonCode c : values()) {
      if (c.wire.equals(text)) {
        return c;
      }
    }
    return null;
  }
}
