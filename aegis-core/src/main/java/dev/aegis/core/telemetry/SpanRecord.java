package dev.aegis.core.telemetry;

import java.util.List;

/**
 * Everything one span turns into: the span, what it adds to its run, and the records derived from it. Made by
 * {@link SpanMapper}; stored together by {@link TelemetryStore#write}, or not at all when the span is a duplicate.
 *
 * @param toolCall the tool-call envelope when the span is a tool call, else null
 * @param promptSnapshot the prompt snapshot when the span carries a prompt hash, pointer or content, else null
 * @param runEvents its {@code aegis.*} events
 * @param json the JSON text of its maps and lists as the store keeps them; made from the rest when null
 */
public record SpanRecord(
    Span span, RunDelta run, ToolCall toolCall, PromptSnapshot promptSnapshot, List<RunEvent> runEvents,
    StoredJson json) {
  public SpanRecord {
    runEvents = runEvents == null ? List.of() : List.copyOf(runEvents);
    if (json == null) {
      json = StoredJson.of(span, toolCall, promptSnapshot, runEvents, null);
    } else if (json.runEventAttributes().size() != runEvents.size()) {
      throw new IllegalArgumentException("the JSON holds " + json.runEventAttributes().size()
          + " run events' attributes for " + runEvents.size() + " run events");
    }
  }

  /** A record whose JSON is made here, from its parts. */
  public SpanRecord(Span span, RunDelta run, ToolCall toolCall, PromptSnapshot promptSnapshot,
      List<RunEvent> runEvents) {
    this(span, run, toolCall, promptSnapshot, runEvents, null);
  }
}
