package dev.aegis.core.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonMapTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static Map<String, Object> of(String json) {
    return JsonMap.of(json == null ? null : json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void readsAsTheMapItsTextStandsForWithLongsForWholeNumbers() {
    Map<String, Object> map = of("{\"b\":1,\"a\":[\"x\",2,2.5,true,null],\"n\":{\"k\":\"v\"},\"big\":"
        + Long.MAX_VALUE + "}");

    assertThat(map).isInstanceOf(JsonMap.class);
    assertThat(map.keySet()).containsExactly("b", "a", "n", "big");
    assertThat(map.get("b")).isEqualTo(1L);
    assertThat(map.get("a")).isEqualTo(java.util.Arrays.asList("x", 2L, 2.5, true, null));
    assertThat(map.get("big")).isEqualTo(Long.MAX_VALUE);
    Map<String, Object> same = new LinkedHashMap<>(Map.of("b", 1L, "n", Map.of("k", "v"), "big", Long.MAX_VALUE));
    same.put("a", java.util.Arrays.asList("x", 2L, 2.5, true, null));
    assertThat(map).isEqualTo(same);
    assertThat(same).isEqualTo(map);
    assertThat(map.hashCode()).isEqualTo(same.hashCode());
    assertThatThrownBy(() -> map.put("c", 1)).isInstanceOf(UnsupportedOperationException.class);
    assertThat(Attributes.copyOf(map)).isSameAs(map);
  }

  @Test
  void findsKeysWhateverTheTextAroundThemAndMissesOnlyAbsentOnes() {
    Map<String, Object> plain = of("{\"error.type\":\"timeout\",\"x\":\"value with \\\"error.type\\\" in it\"}");
    assertThat(plain.get("error.type")).isEqualTo("timeout");
    assertThat(plain.get("model")).isNull();
    assertThat(plain.containsKey("x")).isTrue();

    Map<String, Object> escapedKey = of("{\"error\\u002etype\":\"escaped\"}");
    assertThat(escapedKey.get("error.type")).as("an escaped key is still the key").isEqualTo("escaped");

    Map<String, Object> onlyInValue = of("{\"note\":\"error.type\"}");
    assertThat(onlyInValue.get("error.type")).isNull();
    assertThat(onlyInValue.containsKey("error.type")).isFalse();
    assertThat(onlyInValue.getOrDefault("error.type", "none")).isEqualTo("none");

    Map<String, Object> unicode = of("{\"clé\":\"é\",\"\\\"q\\\"\":1}");
    assertThat(unicode.get("clé")).isEqualTo("é");
    assertThat(unicode.get("\"q\"")).isEqualTo(1L);
    assertThat(unicode.get(42)).isNull();
  }

  @Test
  void textThatIsNotAnObjectIsAnEmptyMap() {
    for (String odd : new String[] {null, "", "   ", "null", "[1,2]", "\"text\"", "7", "not json", "{", "}"}) {
      assertThat(of(odd)).as(String.valueOf(odd)).isEmpty();
    }
    // braces around broken text: only the shape is checked up front, so it reads as empty once parsed
    Map<String, Object> broken = of("{\"a\":}");
    assertThat(broken.get("a")).isNull();
    assertThat(broken.entrySet()).isEmpty();
    assertThat(of("  {\"a\": 1}\n")).isEqualTo(Map.of("a", 1L));
    assertThat(of("{ }").isEmpty()).isTrue();
    assertThat(of("{\"a\":1}").isEmpty()).isFalse();
  }

  @Test
  void jacksonWritesTheTextAsItIs() throws Exception {
    Map<String, Object> stored = of("{\"k\" : \"v é 😀\", \"n\":1}");
    record Holder(String name, Map<String, Object> attributes, List<Map<String, Object>> more) {}

    String written = JSON.writeValueAsString(new Holder("x", stored, List.of(stored)));

    assertThat(written).isEqualTo("{\"name\":\"x\",\"attributes\":{\"k\" : \"v é 😀\", \"n\":1},"
        + "\"more\":[{\"k\" : \"v é 😀\", \"n\":1}]}");
    assertThat(new String(JSON.writeValueAsBytes(stored), StandardCharsets.UTF_8))
        .isEqualTo("{\"k\" : \"v é 😀\", \"n\":1}");
    assertThat(((JsonMap) stored).raw().getValue()).isEqualTo("{\"k\" : \"v é 😀\", \"n\":1}");
  }
}
