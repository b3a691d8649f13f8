package dev.aegis.core.redact;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A span's or event's attributes after redaction, and what was replaced in them.
 *
 * @param attributes every input key, in input order, with its value kept or redacted; never fewer keys
 * @param counts replacements per kind name, most frequent first
 */
public record RedactedAttributes(Map<String, Object> attributes, Map<String, Integer> counts) {
  public RedactedAttributes {
    counts = counts.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(counts));
  }

  public int count(String kind) {
    return counts.getOrDefault(kind, 0);
  }

  public int count(RedactionKind kind) {
    return count(kind.name());
  }

  /** Whether anything was replaced. */
  public boolean changed() {
    return !counts.isEmpty();
  }

  /** A line for people, such as {@code 3 EMAIL, 1 CARD redacted}. */
  public String summary() {
    return Tally.summary(counts);
  }
}
