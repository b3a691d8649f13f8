package dev.aegis.core.redact;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What may be stored of one raw prompt or message under a tenant's {@link CaptureLevel}.
 *
 * @param level the level that decided it
 * @param hash {@code sha256:<64 hex>} of the raw UTF-8 text (plain SHA-256, so agents can compute it too), or null
 *     at {@link CaptureLevel#NONE}
 * @param text the text to store, already redacted as the level requires; null at {@link CaptureLevel#NONE} and
 *     {@link CaptureLevel#HASH}
 * @param counts what was replaced in {@code text}, per kind name
 */
public record ContentCapture(CaptureLevel level, String hash, String text, Map<String, Integer> counts) {
  public ContentCapture {
    counts = counts.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(counts));
  }

  /** Whether anything at all is stored. */
  public boolean stored() {
    return hash != null;
  }
}
