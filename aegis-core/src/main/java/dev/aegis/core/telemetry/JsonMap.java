package dev.aegis.core.telemetry;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.util.AbstractMap;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * An attribute map as the store holds it: a JSON object in UTF-8 that is parsed only when a value is read, and that
 * an answer copies out as it is ({@link #raw()}; Jackson does so by itself). A trace of 10,000 spans carries
 * megabytes of attributes that the query shows but never reads; parsing them into maps and writing them back was
 * most of its cost.
 *
 * <p>Unmodifiable, and equal to any map with the same entries. Looking up a key that the text cannot contain is
 * answered without parsing.
 */
@JsonSerialize(using = JsonMap.Serializer.class)
public final class JsonMap extends AbstractMap<String, Object> {
  // whole numbers come back as Long, whatever their size, as the model promises
  private static final ObjectMapper MAPPER = JsonMapper.builder()
      .enable(DeserializationFeature.USE_LONG_FOR_INTS)
      .build();
  private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {};
  private static final byte BACKSLASH = '\\';

  private final byte[] utf8;
  private final RawJson raw;
  private volatile Map<String, Object> parsed;
  /** 0: not looked yet, 1: the text has no backslash (so no escapes), 2: it has. */
  private volatile int escapes;

  private JsonMap(byte[] utf8) {
    this.utf8 = utf8;
    this.raw = new RawJson(utf8);
  }

  /**
   * The map a stored JSON object stands for. Text that looks like an object (a brace at each end) is kept as it is
   * and parsed on the first read; anything else is parsed now: empty text, {@code null}, an array, a scalar or text
   * that is not JSON at all is an empty map. The array is not copied: the caller hands it over.
   */
  public static Map<String, Object> of(byte[] utf8) {
    if (utf8 == null) {
      return Map.of();
    }
    int from = 0;
    int to = utf8.length - 1;
    while (from <= to && isSpace(utf8[from])) {
      from++;
    }
    while (to >= from && isSpace(utf8[to])) {
      to--;
    }
    if (to - from >= 1 && utf8[from] == '{' && utf8[to] == '}') {
      return new JsonMap(from == 0 && to == utf8.length - 1 ? utf8 : java.util.Arrays.copyOfRange(utf8, from, to + 1));
    }
    try {
      Object value = to < from ? null : MAPPER.readValue(utf8, Object.class);
      if (value instanceof Map<?, ?> map) {
        @SuppressWarnings("unchecked")
        Map<String, Object> entries = (Map<String, Object>) map;
        return Collections.unmodifiableMap(new LinkedHashMap<>(entries));
      }
    } catch (IOException e) {
      // not JSON: shown as no attributes rather than failing the whole answer
    }
    return Map.of();
  }

  /** The JSON text, to copy into an answer with {@link JsonGenerator#writeRawValue(SerializableString)}. */
  public SerializableString raw() {
    return raw;
  }

  /** The JSON text's length in bytes. */
  public int byteLength() {
    return utf8.length;
  }

  @Override
  public Object get(Object key) {
    if (parsed == null && key instanceof String name && cannotHold(name)) {
      return null;
    }
    return map().get(key);
  }

  @Override
  public boolean containsKey(Object key) {
    if (parsed == null && key instanceof String name && cannotHold(name)) {
      return false;
    }
    return map().containsKey(key);
  }

  @Override
  public Set<Entry<String, Object>> entrySet() {
    return map().entrySet();
  }

  @Override
  public int size() {
    return map().size();
  }

  /** Answered from the text while it is not parsed: only whitespace between the braces. */
  @Override
  public boolean isEmpty() {
    Map<String, Object> map = parsed;
    if (map != null) {
      return map.isEmpty();
    }
    for (int i = 1; i < utf8.length - 1; i++) {
      if (!isSpace(utf8[i])) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether the text surely has no such key: a plain key (printable ASCII, no quote or backslash) is written as
   * itself between quotes, and text without a backslash has no escapes that could spell it another way.
   */
  private boolean cannotHold(String key) {
    if (!plain(key) || hasEscapes()) {
      return false;
    }
    int n = key.length();
    int last = utf8.length - n - 1;
    outer:
    for (int i = 0; i < last; i++) {
      if (utf8[i] != '"' || utf8[i + n + 1] != '"') {
        continue;
      }
      for (int j = 0; j < n; j++) {
        if (utf8[i + 1 + j] != key.charAt(j)) {
          continue outer;
        }
      }
      return false;
    }
    return true;
  }

  private boolean hasEscapes() {
    int known = escapes;
    if (known == 0) {
      known = 1;
      for (byte b : utf8) {
        if (b == BACKSLASH) {
          known = 2;
          break;
        }
      }
      escapes = known;
    }
    return known == 2;
  }

  private static boolean plain(String key) {
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') {
        return false;
      }
    }
    return true;
  }

  private Map<String, Object> map() {
    Map<String, Object> map = parsed;
    if (map == null) {
      try {
        map = Collections.unmodifiableMap(MAPPER.readValue(utf8, MAP));
      } catch (IOException e) {
        map = Map.of(); // braces around something that is not JSON: no attributes
      }
      parsed = map;
    }
    return map;
  }

  private static boolean isSpace(byte b) {
    return b == ' ' || b == '\n' || b == '\r' || b == '\t';
  }

  /** Writes the text as it is. */
  static final class Serializer extends StdSerializer<JsonMap> {
    private static final long serialVersionUID = 1L;

    Serializer() {
      super(JsonMap.class);
    }

    @Override
    public void serialize(JsonMap value, JsonGenerator gen, SerializerProvider provider) throws IOException {
      gen.writeRawValue(value.raw());
    }

    @Override
    public boolean isEmpty(SerializerProvider provider, JsonMap value) {
      return value.isEmpty();
    }
  }
}
