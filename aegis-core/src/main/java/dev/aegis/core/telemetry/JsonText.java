package dev.aegis.core.telemetry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON text in which the telemetry store keeps attribute maps, event lists and id lists. */
public final class JsonText {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private JsonText() {}

  /** A map, list or plain value of the telemetry model as JSON. */
  public static String of(Object value) {
    if (value instanceof Map<?, ?> map && map.isEmpty()) {
      return "{}";
    }
    if (value instanceof List<?> list && list.isEmpty()) {
      return "[]";
    }
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("telemetry values always serialize: " + e.getOriginalMessage(), e);
    }
  }

  /** Span events as {@code [{"time_unix_nano": ..., "name": ..., "attributes": {...}}, ...]}. */
  public static String ofEvents(List<SpanEvent> events) {
    if (events.isEmpty()) {
      return "[]";
    }
    List<Map<String, Object>> out = new ArrayList<>(events.size());
    for (SpanEvent event : events) {
      Map<String, Object> one = new LinkedHashMap<>();
      one.put("time_unix_nano", event.timeUnixNanos());
      one.put("name", event.name());
      one.put("attributes", event.attributes());
      out.add(one);
    }
    return of(out);
  }
}
