package dev.aegis.core.redact;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Counts replacements per kind while one value or one span is redacted. Not thread-safe; one per call. */
final class Tally {
  private Map<String, Integer> counts;

  void add(String kind) {
    if (counts == null) {
      counts = new HashMap<>();
    }
    counts.merge(kind, 1, Integer::sum);
  }

  /** The counts, most frequent kind first, then by name. */
  Map<String, Integer> snapshot() {
    if (counts == null) {
      return Map.of();
    }
    List<Map.Entry<String, Integer>> entries = new ArrayList<>(counts.entrySet());
    entries.sort(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
    Map<String, Integer> ordered = new LinkedHashMap<>();
    entries.forEach(e -> ordered.put(e.getKey(), e.getValue()));
    return Collections.unmodifiableMap(ordered);
  }

  static String summary(Map<String, Integer> counts) {
    if (counts.isEmpty()) {
      return "nothing redacted";
    }
    StringBuilder out = new StringBuilder();
    counts.forEach((kind, n) -> out.append(out.isEmpty() ? "" : ", ").append(n).append(' ').append(kind));
    return out.append(" redacted").toString();
  }
}
