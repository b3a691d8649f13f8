package dev.aegis.core.policy;

import com.fasterxml.jackson.annotation.JsonValue;
/**
 * What a policy lets agents do through one connector. Declared from the most to the least restrictive, so that
 * composing several policies keeps the lowest ordinal.
 */
public enum ConnectorRole {
  /** No write goes to the connector, whatever capabilities are granted. */
  READ_ONLY("read-only"),
  /** Writes pass within the granted capabilities, rate cap, approval thresholds and validators. */
  WRITE_LIMITED("write-limited"),
  /** No restriction from the role; capabilities, caps, thresholds and validators still apply. */
  READ_WRITE("read-write");

  private final String wire;

  ConnectorRole(String wire) {
    this.wire = wire;
  }

  /** The name used in policy documents. */
  @JsonValue
  public String wire() {
    return wire;
  }

  /** The more restrictive of two roles. */
  public ConnectorRole tighter(ConnectorRole other) {
    return other == null || ordinal() <= other.ordinal() ? this : other;
  }

  /** The role with this document name, or null. */
  public static ConnectorRole fromWire(String text) {
    for (ConnectorRole r : values()) {
      if (r.wire.equals(text)) {
        return r;
      }
    }
    return null;
  }
}
