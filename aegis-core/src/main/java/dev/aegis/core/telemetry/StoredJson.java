package dev.aegis.core.telemetry;

import java.util.ArrayList;
import java.util.List;

/**
 * The JSON text the store keeps for the maps and lists of one {@link SpanRecord}. It is made with the record, on the
 * request thread that maps the span, so that the store's single writer thread only binds text.
 *
 * @param attributes the span's attributes
 * @param resourceAttributes the attributes of the span's resource (the spans of one resource share the string)
 * @param events the span's events (see {@link JsonText#ofEvents})
 * @param toolRequest the tool call's request metadata, or null when the span is no tool call
 * @param toolResponse the tool call's response metadata, or null when the span is no tool call
 * @param vectorIndexIds the prompt snapshot's vector index ids, or null when the span has no snapshot
 * @param runEventAttributes the attributes of each of the span's run events, in their order
 */
public record StoredJson(
    String attributes,
    String resourceAttributes,
    String events,
    String toolRequest,
    String toolResponse,
    String vectorIndexIds,
    List<String> runEventAttributes) {
  public StoredJson {
    runEventAttributes = List.copyOf(runEventAttributes);
  }

  /** Encodes what a record holds; {@code resourceJson} is its resource's JSON when already made, else null. */
  static StoredJson of(Span span, ToolCall toolCall, PromptSnapshot prompt, List<RunEvent> runEvents,
      String resourceJson) {
    List<String> eventAttributes = new ArrayList<>(runEvents.size());
    for (RunEvent event : runEvents) {
      eventAttributes.add(JsonText.of(event.attributes()));
    }
    return new StoredJson(JsonText.of(span.attributes()),
        resourceJson != null ? resourceJson : JsonText.of(span.resourceAttributes()),
        JsonText.ofEvents(span.events()),
        toolCall == null ? null : JsonText.of(toolCall.request()),
        toolCall == null ? null : JsonText.of(toolCall.response()),
        prompt == null ? null : JsonText.of(prompt.vectorIndexIds()),
        eventAttributes);
  }
}
