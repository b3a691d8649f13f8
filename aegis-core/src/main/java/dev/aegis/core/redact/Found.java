package dev.aegis.core.redact;

import java.util.ArrayList;
import java.util.List;

/**
 * One detected span of a text, before overlaps are resolved.
 *
 * @param kind the kind name for the replacement, or null for a span to protect as it is (an earlier replacement)
 * @param priority which of two overlapping spans wins; higher wins, then longer, then earlier
 * @param normalized the value the keyed hash is computed over, so that equal values correlate
 */
record Found(int start, int end, String kind, int priority, String normalized) {
  /** Adds a span of a built-in kind to a list that may not exist yet. */
  static List<Found> add(List<Found> out, RedactionKind kind, int start, int end, String normalized) {
    return add(out, new Found(start, end, kind.name(), kind.priority(), normalized));
  }

  /** Adds a span to a list that may not exist yet. */
  static List<Found> add(List<Found> out, Found found) {
    List<Found> list = out == null ? new ArrayList<>(4) : out;
    list.add(found);
    return list;
  }

  int length() {
    return end - start;
  }
}
