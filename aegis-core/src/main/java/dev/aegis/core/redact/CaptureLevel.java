package dev.aegis.core.redact;

import java.util.Locale;
import java.util.Optional;

/** How much of a tenant's raw prompt and message content Aegis stores. The default is {@link #HASH}. */
public enum CaptureLevel {
  /** Nothing: not the text, not even its hash. */
  NONE,
  /** Only {@code sha256:<hex>} of the raw text, which an agent can compute itself to match a prompt. */
  HASH,
  /** The text with every detected kind replaced, plus the hash. */
  REDACTED,
  /** The text with only the secret kinds replaced (see {@link RedactionKind#secret()}), plus the hash. */
  FULL;

  /** The name used on the wire and in configuration, such as {@code hash}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<CaptureLevel> fromWire(String name) {
    for (CaptureLevel level : values()) {
      if (level.wireName().equals(name)) {
        return Optional.of(level);
      }
    }
    return Optional.empty();
  }
}
