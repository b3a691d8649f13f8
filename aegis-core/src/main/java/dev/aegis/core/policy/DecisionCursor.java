package dev.aegis.core.policy;

import java.util.Optional;

/**
 * The position of a decision in the decision log, which is listed newest first by time, then by id. Its text form
 * is what {@link dev.aegis.core.page.Page#nextAfterId()} carries for decisions and
 * {@link dev.aegis.core.page.PageRequest#afterId()} takes back.
 *
 * @param atMillis the decision's time in epoch milliseconds
 * @param decisionId the decision's id
 */
public record DecisionCursor(long atMillis, String decisionId) {
  /** The position just after this decision. */
  public static String after(DecisionRecord decision) {
    return new DecisionCursor(decision.at().toEpochMilli(), decision.decisionId()).text();
  }

  public String text() {
    return atMillis + ":" + decisionId;
  }

  /** The position in a text made by {@link #text()}, or empty when it is not one. */
  public static Optional<DecisionCursor> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    int colon = text.indexOf(':');
    if (colon < 1 || colon == text.length() - 1) {
      return Optional.empty();
    }
    try {
      return Optional.of(new DecisionCursor(Long.parseLong(text.substring(0, colon)), text.substring(colon + 1)));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
