package dev.aegis.core.redact;

/**
 * One detected span of a text, before overlaps are resolved.
 *
 * @param kind the kind name for the replacement, or null for a span to protect as it is (an earlier replacement)
 * @param priority which of two overlapping spans wins; higher wins, then longer, then earlier
 * @param normalized the value the keyed hash is computed over, so that equal values correlate
 */
record Found(int start, int end, String kind, int priority, String normalized) {
  int length() {
    return end - start;
  }
}
