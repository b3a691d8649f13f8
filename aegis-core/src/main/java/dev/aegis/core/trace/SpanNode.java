package dev.aegis.core.trace;

import dev.aegis.core.telemetry.PromptSnapshot;
import dev.aegis.core.telemetry.RunEvent;
import dev.aegis.core.telemetry.Span;
import dev.aegis.core.telemetry.ToolCall;
import java.util.List;

/**
 * One span in a {@link SpanTree}, with what was derived from it and its children by start time.
 *
 * @param link how it came to be where it is: under its parent, or at the top and why
 * @param toolCall its tool-call envelope, or null
 * @param prompt its prompt snapshot, or null
 * @param controlEvents its state transitions, policy decisions, approval requests and fallbacks, by time
 * @param children the spans whose parent it is, by start time (empty for a node whose subtree was
 *     {@link Link#CONTINUED continued} at the top)
 */
public record SpanNode(
    Span span,
    Link link,
    ToolCall toolCall,
    PromptSnapshot prompt,
    List<RunEvent> controlEvents,
    List<SpanNode> children) {
  public SpanNode {
    controlEvents = List.copyOf(controlEvents);
    children = List.copyOf(children);
  }

  /** Where a node sits in the tree, and for a node at the top, why it is there. */
  public enum Link {
    /** At the top: it has no parent span. */
    ROOT,
    /** Under its parent. */
    CHILD,
    /**
     * At the top: its parent is not among the spans read (not stored, or of another run when only one run's spans
     * were read, or past a cap).
     */
    ORPHAN,
    /** At the top: its parent is in the tree, but deeper than the tree may nest, so its subtree goes on here. */
    CONTINUED,
    /** At the top: its parents lead back to itself, which a correct tracer never sends; the loop is cut here. */
    CYCLE;

    public String wireName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }
}
