package dev.aegis.core.policy;

/** Whether a policy decides ({@code enforce}) or only reports what it would have decided ({@code shadow}). */
public enum PolicyMode {
  ENFORCE("enforce"),
  SHADOW("shadow");

  private final String wire;

  PolicyMode(String wire) {
    this.wire = wire;
  }

  /** The name used in policy documents. */
  public String wire() {
    return wire;
  }

  /** The mode with this document name, or null. */
  public static PolicyMode fromWire(String text) {
    for (PolicyMode m : values()) {
      if (m.wire.equals(text)) {
        return m;
      }
    }
    return null;
  }
}
