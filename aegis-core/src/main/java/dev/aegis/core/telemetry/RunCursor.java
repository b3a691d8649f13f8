package dev.aegis.core.telemetry;

import java.util.Optional;

/**
 * The position of a run in the runs list, which is ordered by start time (newest first), then by run id. Its text
 * form is what {@link dev.aegis.core.page.Page#nextAfterId()} carries for runs and
 * {@link dev.aegis.core.page.PageRequest#afterId()} takes back.
 *
 * @param startedUnixNanos the run's start
 * @param runId the run's id
 */
public record RunCursor(long startedUnixNanos, String runId) {
  /** The position just after this run. */
  public static String after(Run run) {
    return new RunCursor(Nanos.of(run.startedAt()), run.runId()).text();
  }

  public String text() {
    return startedUnixNanos + ":" + runId;
  }

  /** The position in a text made by {@link #text()}, or empty when it is not one. */
  public static Optional<RunCursor> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    int colon = text.indexOf(':');
    if (colon < 1 || colon == text.length() - 1) {
      return Optional.empty();
    }
    try {
      return Optional.of(new RunCursor(Long.parseLong(text.substring(0, colon)), text.substring(colon + 1)));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
