package dev.aegis.server.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aegis.core.telemetry.JsonMap;
import dev.aegis.server.http.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The trace answer's writer writes what the API's mapping writes, piece by piece. */
class Utf8JsonTest {
  private static final ObjectMapper MAPPER = Json.newMapper();

  interface Write {
    void to(Utf8Json json) throws IOException;
  }

  private static String written(Write write) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Utf8Json json = new Utf8Json(out);
    write.to(json);
    json.flush();
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void stringsAreEscapedAsTheMappingEscapesThem() throws IOException {
    SplittableRandom random = new SplittableRandom(11);
    char[] alphabet = "aZ09 -_./:\"\\\t\n\r\b\f\u0000\u0001\u001f\u007f\u0080éß€你\u2028\uFFFD".toCharArray();
    for (int i = 0; i < 5_000; i++) {
      StringBuilder text = new StringBuilder();
      int length = random.nextInt(0, 40);
      for (int c = 0; c < length; c++) {
        if (random.nextInt(20) == 0) {
          text.append("😀"); // a pair of surrogates
        } else {
          text.append(alphabet[random.nextInt(alphabet.length)]);
        }
      }
      String value = text.toString();
      assertThat(written(json -> json.string(value))).isEqualTo(MAPPER.writeValueAsString(value));
    }
    assertThat(written(json -> json.string(null))).isEqualTo("null");
    String huge = "x".repeat(100_000) + "é" + "y".repeat(50_000);
    assertThat(written(json -> json.string(huge))).isEqualTo(MAPPER.writeValueAsString(huge));
  }

  @Test
  void thousandthsAreWrittenAsTheMappingWritesTheirDouble() throws IOException {
    for (long t = 0; t < 120_000; t++) {
      long value = t;
      assertThat(written(json -> json.thousandths(value))).isEqualTo(MAPPER.writeValueAsString(value / 1_000.0));
    }
    SplittableRandom random = new SplittableRandom(3);
    for (int i = 0; i < 200_000; i++) {
      long value = random.nextLong(0, Utf8Json.MAX_THOUSANDTHS);
      assertThat(written(json -> json.thousandths(value))).isEqualTo(MAPPER.writeValueAsString(value / 1_000.0));
    }
    assertThatThrownBy(() -> written(json -> json.thousandths(-1))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> written(json -> json.thousandths(Utf8Json.MAX_THOUSANDTHS)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void numbersBooleansAndStoredTextComeOutAsTheyAre() throws IOException {
    SplittableRandom random = new SplittableRandom(5);
    long[] edges = {0, 1, 9, 10, 99, 100, -1, -9, -10, Long.MAX_VALUE, Long.MIN_VALUE, Long.MIN_VALUE + 1};
    for (int i = 0; i < 100_000; i++) {
      long value = i < edges.length ? edges[i] : i % 2 == 0 ? random.nextLong() : random.nextLong(-1_000, 1_000_000);
      assertThat(written(json -> json.number(value))).isEqualTo(MAPPER.writeValueAsString(value));
    }
    assertThat(written(json -> json.number(1e21))).isEqualTo(MAPPER.writeValueAsString(1e21));
    assertThat(written(json -> {
      json.bool(true);
      json.raw(',');
      json.bool(false);
      json.raw(',');
      json.nullValue();
    })).isEqualTo("true,false,null");
    // stored text larger than the buffer goes out whole, after what was buffered before it
    String big = "{\"k\":\"" + "v".repeat(100_000) + "\"}";
    JsonMap stored = (JsonMap) JsonMap.of(big.getBytes(StandardCharsets.UTF_8));
    assertThat(written(json -> {
      json.raw('[');
      json.rawJson(stored.raw());
      json.raw(']');
    })).isEqualTo("[" + big + "]");
    assertThat(MAPPER.readValue("[" + big + "]", Object[].class)[0]).isEqualTo(Map.of("k", "v".repeat(100_000)));
  }
}
