package dev.aegis.core.trace;

import dev.aegis.core.telemetry.RunEvent;
import java.util.Locale;

/** What a {@link TimelineEntry} records. */
public enum TimelineType {
  /** An agent or other span started. */
  SPAN_START,
  /** A span ended without error. */
  SPAN_END,
  /** A tool or external call started (its envelope is in the details). */
  TOOL_CALL,
  /** A model call started (model, tokens and prompt hash in the details). */
  LLM_CALL,
  /** An {@code aegis.state_transition} event: the agent changed mode. */
  STATE_TRANSITION,
  /** An {@code aegis.policy_decision} event. */
  POLICY_DECISION,
  /** An {@code aegis.approval_requested} event. */
  APPROVAL_REQUESTED,
  /** An {@code aegis.fallback} event. */
  FALLBACK,
  /** A span ended with an error, or an {@code exception} event. */
  ERROR,
  /** Any other span event. */
  EVENT;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The type of a span event with this name. */
  public static TimelineType ofEvent(String name) {
    if (name == null) {
      return EVENT;
    }
    return switch (name) {
      case RunEvent.STATE_TRANSITION -> STATE_TRANSITION;
      case RunEvent.POLICY_DECISION -> POLICY_DECISION;
      case RunEvent.APPROVAL_REQUESTED -> APPROVAL_REQUESTED;
      case RunEvent.FALLBACK -> FALLBACK;
      case "exception" -> ERROR;
      default -> EVENT;
    };
  }
}
