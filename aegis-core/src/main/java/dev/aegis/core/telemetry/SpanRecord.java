package dev.aegis.core.telemetry;

import java.util.List;

/**
 * Everything one span turns into: the span, what it adds to its run, and the records derived from it. Made by
 * {@link SpanMapper}; stored together by {@link TelemetryStore#write}, or not at all when the span is a duplicate.
 *
 * @param toolCall the tool-call envelope when the span is a tool call, else null
 * @param promptSnapshot the prompt snapshot when the span carries a prompt hash, pointer or content, else null
 * @param runEvents its {@code aegis.*} events
 */
public record SpanRecord(
    Span span, RunDelta run, ToolCall toolCall, PromptSnapshot promptSnapshot, List<RunEvent> runEvents) {
  public SpanRecord {
    runEvents = runEvents == null ? List.of() : List.copyOf(runEvents);
  }
}
