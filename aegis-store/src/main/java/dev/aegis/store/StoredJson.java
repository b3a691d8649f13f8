package dev.aegis.store;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.aegis.core.telemetry.JsonMap;
import dev.aegis.core.telemetry.SpanEvent;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads the JSON columns of the telemetry tables: attribute maps stay JSON text until someone reads a value
 * ({@link JsonMap}), empty lists cost nothing, and text the writer would never have stored (empty, {@code null},
 * the wrong shape, not JSON) reads as empty rather than failing the query that met it.
 */
final class StoredJson {
  // whole numbers come back as Long, whatever their size, as the model promises
  private static final ObjectMapper MAPPER = JsonMapper.builder()
      .enable(DeserializationFeature.USE_LONG_FOR_INTS)
      .build();

  private StoredJson() {}

  static Map<String, Object> map(byte[] utf8) {
    return JsonMap.of(utf8);
  }

  static List<SpanEvent> events(byte[] utf8) {
    List<Object> items = list(utf8);
    if (items.isEmpty()) {
      return List.of();
    }
    List<SpanEvent> events = new ArrayList<>(items.size());
    for (Object item : items) {
      if (item instanceof Map<?, ?> one) {
        long time = one.get("time_unix_nano") instanceof Number n ? n.longValue() : 0L;
        Object name = one.get("name");
        events.add(new SpanEvent(time, name == null ? null : String.valueOf(name), attributes(one.get("attributes"))));
      }
    }
    return events;
  }

  static List<String> strings(byte[] utf8) {
    List<Object> items = list(utf8);
    if (items.isEmpty()) {
      return List.of();
    }
    List<String> out = new ArrayList<>(items.size());
    for (Object item : items) {
      out.add(String.valueOf(item));
    }
    return out;
  }

  private static List<Object> list(byte[] utf8) {
    if (utf8 == null || utf8.length == 0 || (utf8.length == 2 && utf8[0] == '[' && utf8[1] == ']')) {
      return List.of();
    }
    try {
      Object value = MAPPER.readValue(utf8, Object.class);
      if (value instanceof List<?> list) {
        @SuppressWarnings("unchecked")
        List<Object> items = (List<Object>) list;
        return items;
      }
    } catch (IOException e) {
      // not JSON: read as an empty list
    }
    return List.of();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> attributes(Object value) {
    return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
  }
}
