package dev.aegis.core.redact;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A redacted text and what was replaced in it.
 *
 * @param text the text with every detected span replaced; the same instance as the input when nothing was
 * @param counts replacements per kind name ({@code EMAIL}, or a tenant pattern's name), most frequent first
 */
public record RedactionResult(String text, Map<String, Integer> counts) {
  public RedactionResult {
    counts = counts.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(counts));
  }

  public int count(String kind) {
    return counts.getOrDefault(kind, 0);
  }

  public int count(RedactionKind kind) {
    return count(kind.name());
  }

  public int total() {
    return counts.values().stream().mapToInt(Integer::intValue).sum();
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
