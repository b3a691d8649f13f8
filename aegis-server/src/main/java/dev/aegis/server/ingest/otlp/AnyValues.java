package dev.aegis.server.ingest.otlp;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** OTLP attribute values as the plain Java values of the telemetry model. */
final class AnyValues {
  private AnyValues() {}

  /** Every key, in order; a key sent twice keeps its last value; a value that is not set becomes null. */
  static Map<String, Object> map(List<KeyValue> attributes) {
    if (attributes.isEmpty()) {
      return Map.of();
    }
    Map<String, Object> out = new LinkedHashMap<>(attributes.size() * 2);
    for (KeyValue kv : attributes) {
      out.put(kv.getKey(), value(kv.getValue()));
    }
    // unmodifiable, so that the model's records take it as it is instead of copying it once more
    return Collections.unmodifiableMap(out);
  }

  /**
   * A string, long, double, boolean, list or map; bytes stay a {@code byte[]}, which redaction hides whole.
   */
  static Object value(AnyValue value) {
    return switch (value.getValueCase()) {
      case STRING_VALUE -> value.getStringValue();
      case BOOL_VALUE -> value.getBoolValue();
      case INT_VALUE -> value.getIntValue();
      case DOUBLE_VALUE -> value.getDoubleValue();
      case BYTES_VALUE -> value.getBytesValue().toByteArray();
      case ARRAY_VALUE -> {
        List<Object> items = new ArrayList<>(value.getArrayValue().getValuesCount());
        for (AnyValue item : value.getArrayValue().getValuesList()) {
          items.add(value(item));
        }
        yield items;
      }
      case KVLIST_VALUE -> map(value.getKvlistValue().getValuesList());
      default -> null; // not set, or a kind this model has no place for
    };
  }
}
