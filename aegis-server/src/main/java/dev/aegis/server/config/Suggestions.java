package dev.aegis.server.config;

import java.util.Collection;
import java.util.Optional;

/** Finds the known name closest to a mistyped one, so that error messages can say "did you mean ...?". */
final class Suggestions {
  private Suggestions() {}

  static Optional<String> closest(String typed, Collection<String> known) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : known) {
      int distance = distance(typed, candidate);
      if (distance < bestDistance) {
        best = candidate;
        bestDistance = distance;
      }
    }
    int allowed = Math.max(2, typed.length() / 3);
    if (best != null && bestDistance <= allowed) {
      return Optional.of(best);
    }
    // "port" on its own most likely meant the key that ends with it
    for (String candidate : known) {
      if (candidate.endsWith("." + typed) || candidate.endsWith("_" + typed)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /** Levenshtein distance, case-insensitive; names here are short, so the plain two-row algorithm is enough. */
  static int distance(String a, String b) {
    String x = a.toLowerCase(java.util.Locale.ROOT);
    String y = b.toLowerCase(java.util.Locale.ROOT);
    int[] previous = new int[y.length() + 1];
    int[] current = new int[y.length() + 1];
    for (int j = 0; j <= y.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= x.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= y.length(); j++) {
        int substitution = previous[j - 1] + (x.charAt(i - 1) == y.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[y.length()];
  }
}
