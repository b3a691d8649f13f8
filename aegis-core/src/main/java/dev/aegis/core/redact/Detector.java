package dev.aegis.core.redact;

import java.util.List;

/** Finds the spans of one kind in a text. Implementations are immutable and thread-safe. */
interface Detector {
  /** The {@link Prescan} flags of which at least one must be set for this detector to run; 0 runs it always. */
  int triggers();

  /** Whether it finds a secret kind, run even at {@link CaptureLevel#FULL}. */
  boolean secret();

  /**
   * Adds what it finds to {@code out} and returns it; creates the list on the first find when {@code out} is null,
   * so that a text with nothing to find costs no allocation.
   */
  List<Found> find(String text, List<Found> out);
}
