package dev.aegis.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.aegis.core.telemetry.JsonText;
import dev.aegis.core.telemetry.SpanEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Attribute maps, event lists and id lists as the JSON text the telemetry tables hold ({@link JsonText} writes it). */
final class TelemetryJson {
  // whole numbers come back as Long, whatever their size, as the model promises
  private static final ObjectMapper MAPPER = JsonMapper.builder()
      .enable(DeserializationFeature.USE_LONG_FOR_INTS)
      .build();
  private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {};
  private static final TypeReference<List<Object>> LIST = new TypeReference<>() {};

  private TelemetryJson() {}

  static String write(Object value) {
    return JsonText.of(value);
  }

  static Map<String, Object> readMap(String json) {
    if (json == null || json.isEmpty()) {
      return Map.of();
    }
    try {
      return MAPPER.readValue(json, MAP);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a stored attribute map is not JSON: " + e.getOriginalMessage(), e);
    }
  }

  static List<String> readStrings(String json) {
    return readList(json).stream().map(String::valueOf).toList();
  }

  @SuppressWarnings("unchecked")
  static List<SpanEvent> readEvents(String json) {
    List<SpanEvent> events = new ArrayList<>();
    for (Object item : readList(json)) {
      Map<String, Object> one = (Map<String, Object>) item;
      events.add(new SpanEvent(((Number) one.get("time_unix_nano")).longValue(), (String) one.get("name"),
          (Map<String, Object>) one.getOrDefault("attributes", Map.of())));
    }
    return events;
  }

  static List<Object> readList(String json) {
    if (json == null || json.isEmpty()) {
      return List.of();
    }
    try {
      return MAPPER.readValue(json, LIST);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a stored list is not JSON: " + e.getOriginalMessage(), e);
    }
  }
}
