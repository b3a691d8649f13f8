package dev.aegis.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks the fields of a JSON request body and collects every problem, so that one 422 lists them all. Unknown
 * fields are problems too, so that typos never pass silently.
 */
public final class Fields {
  private final ObjectNode body;
  private final List<Problem.FieldError> errors = new ArrayList<>();

  private Fields(ObjectNode body) {
    this.body = body;
  }

  /** Starts checking a body whose only allowed fields are {@code known}. */
  public static Fields of(ObjectNode body, String... known) {
    Fields fields = new Fields(body);
    Set<String> allowed = new LinkedHashSet<>(List.of(known));
    for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!allowed.contains(name)) {
        fields.reject(pointer(name), "unknown field; allowed fields: " + String.join(", ", allowed));
      }
    }
    return fields;
  }

  /** The string value of a required field, or null after recording why it is missing or not a string. */
  public String requiredString(String name) {
    JsonNode value = body.get(name);
    if (value == null || value.isNull()) {
      reject(pointer(name), "is required");
      return null;
    }
    if (!value.isTextual()) {
      reject(pointer(name), "must be a string, was " + kind(value));
      return null;
    }
    return value.textValue();
  }

  /** The elements of a required array field, or null after recording why it is missing or not an array. */
  public List<JsonNode> requiredArray(String name) {
    JsonNode value = body.get(name);
    if (value == null || value.isNull()) {
      reject(pointer(name), "is required");
      return null;
    }
    if (!value.isArray()) {
      reject(pointer(name), "must be an array, was " + kind(value));
      return null;
    }
    List<JsonNode> items = new ArrayList<>();
    value.elements().forEachRemaining(items::add);
    return items;
  }

  /** The string value of an optional field, or null when it is absent, null, or (after recording why) not a string. */
  public String optionalString(String name) {
    JsonNode value = body.get(name);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      reject(pointer(name), "must be a string, was " + kind(value));
      return null;
    }
    return value.textValue();
  }

  /**
   * The whole-number value of an optional field, or null when it is absent, null, or (after recording why) not a
   * whole number from {@code min} to {@code max}.
   */
  public Long optionalLong(String name, long min, long max) {
    JsonNode value = body.get(name);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isIntegralNumber() || !value.canConvertToLong() || value.longValue() < min
        || value.longValue() > max) {
      reject(pointer(name), "must be a whole number from " + min + " to " + max
          + (value.isNumber() ? ", was " + value.asText() : ", was " + kind(value)));
      return null;
    }
    return value.longValue();
  }

  /**
   * The number value of an optional field, or null when it is absent, null, or (after recording why) not a number
   * from {@code min} to {@code max}.
   */
  public Double optionalDouble(String name, double min, double max) {
    JsonNode value = body.get(name);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isNumber() || !(value.doubleValue() >= min && value.doubleValue() <= max)) {
      reject(pointer(name), "must be a number from " + plain(min) + " to " + plain(max)
          + (value.isNumber() ? ", was " + value.asText() : ", was " + kind(value)));
      return null;
    }
    return value.doubleValue();
  }

  private static String plain(double number) {
    return number == Math.rint(number) ? Long.toString((long) number) : Double.toString(number);
  }

  /** Records a problem at a JSON pointer such as {@code /roles/0}. */
  public void reject(String pointer, String detail) {
    errors.add(Problem.FieldError.atPointer(pointer, detail));
  }

  public boolean isValid() {
    return errors.isEmpty();
  }

  /** Throws a 422 that lists every recorded problem, when there is any. */
  public void throwIfInvalid() {
    if (errors.isEmpty()) {
      return;
    }
    List<String> pointers = errors.stream().map(Problem.FieldError::pointer).distinct().toList();
    String detail = pointers.size() + (pointers.size() == 1 ? " field is" : " fields are") + " not valid: "
        + String.join(", ", pointers);
    throw new ProblemException(ProblemType.VALIDATION, detail, errors);
  }

  /** A JSON pointer (RFC 6901) to the given path of names and indexes. */
  public static String pointer(Object... path) {
    StringBuilder out = new StringBuilder();
    for (Object part : path) {
      out.append('/').append(part.toString().replace("~", "~0").replace("/", "~1"));
    }
    return out.toString();
  }

  private static String kind(JsonNode value) {
    return switch (value.getNodeType()) {
      case ARRAY -> "an array";
      case OBJECT -> "an object";
      case NUMBER -> "a number";
      case BOOLEAN -> "a boolean";
      case STRING -> "a string";
      default -> "null";
    };
  }
}
