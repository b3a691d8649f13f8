package dev.aegis.core.telemetry;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Attribute maps of the telemetry model. Values are {@code String}, {@code Long}, {@code Double}, {@code Boolean},
 * {@code List} of those, or {@code Map} of String to those; keys keep their order.
 */
public final class Attributes {
  private static final Class<?> UNMODIFIABLE = Collections.unmodifiableMap(new LinkedHashMap<>()).getClass();

  private Attributes() {}

  /**
   * An unmodifiable map that keeps the key order; null becomes empty. A map that is already an unmodifiable view
   * is taken as it is, not copied again: the ingest path hands the same redacted maps from record to record (a
   * resource's attributes to each of its spans), and whoever made such a view must not change what is under it.
   * A {@link JsonMap} (as read from the store) is unmodifiable too, and copying it would parse it.
   */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> copyOf(Map<String, ?> attributes) {
    if (attributes == null || attributes.isEmpty()) {
      return Map.of();
    }
    if (attributes.getClass() == UNMODIFIABLE || attributes instanceof JsonMap) {
      return (Map<String, Object>) attributes;
    }
    return Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
  }

  /** The value as text when it is a string, else null. */
  public static String string(Map<String, Object> attributes, String key) {
    return attributes.get(key) instanceof String s && !s.isEmpty() ? s : null;
  }

  /** The first of the keys that holds a non-empty string. */
  public static String firstString(Map<String, Object> attributes, String... keys) {
    for (String key : keys) {
      String value = string(attributes, key);
      if (value != null) {
        return value;
      }
    }
    return null;
  }

  /** The value as a whole number: a long, a double without fraction, or a string of digits; else null. */
  public static Long number(Map<String, Object> attributes, String key) {
    Object value = attributes.get(key);
    if (value instanceof Long l) {
      return l;
    }
    if (value instanceof Integer i) {
      return i.longValue();
    }
    if (value instanceof Double d && d == Math.rint(d) && !d.isInfinite()) {
      return d.longValue();
    }
    if (value instanceof String s) {
      try {
        return Long.parseLong(s.strip());
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }

  /** The first of the keys that holds a whole number. */
  public static Long firstNumber(Map<String, Object> attributes, String... keys) {
    for (String key : keys) {
      Long value = number(attributes, key);
      if (value != null) {
        return value;
      }
    }
    return null;
  }

  /** A list of strings: a list value's string elements, or a comma-separated string split. */
  public static List<String> strings(Map<String, Object> attributes, String key) {
    Object value = attributes.get(key);
    if (value instanceof List<?> list) {
      return list.stream().filter(e -> e != null).map(String::valueOf).filter(s -> !s.isBlank()).toList();
    }
    if (value instanceof String s && !s.isBlank()) {
      return java.util.Arrays.stream(s.split(",")).map(String::strip).filter(p -> !p.isEmpty()).toList();
    }
    return List.of();
  }
}
