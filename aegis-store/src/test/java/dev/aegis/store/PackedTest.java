package dev.aegis.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Reading packed rows; the databases' own output is read in the store contract suites. */
class PackedTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static Packed row(String json) {
    return Packed.of(json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void readsStringsNumbersBooleansAndNullsInOrder() {
    Packed row = row(" [\"abc\", null, 42, -7, null, true, false, 1, 0, 9223372036854775807, -9223372036854775808]");

    assertThat(row.text()).isEqualTo("abc");
    assertThat(row.text()).isNull();
    assertThat(row.number()).isEqualTo(42L);
    assertThat(row.longValue()).isEqualTo(-7);
    assertThat(row.number()).isNull();
    assertThat(row.bool()).isTrue();
    assertThat(row.bool()).isFalse();
    assertThat(row.bool()).isTrue();
    assertThat(row.bool()).isFalse();
    assertThat(row.longValue()).isEqualTo(Long.MAX_VALUE);
    assertThat(row.longValue()).isEqualTo(Long.MIN_VALUE);
  }

  @Test
  void readsEveryStringAsJsonWritesIt() throws Exception {
    SplittableRandom random = new SplittableRandom(13);
    char[] alphabet = "aZ09 -_./:\"\\\t\n\r\b\f\u0000\u0001\u001f\u007f\u0080éß€你\u2028\uFFFD".toCharArray();
    for (int i = 0; i < 3_000; i++) {
      List<String> values = new ArrayList<>();
      for (int v = 0; v < 4; v++) {
        StringBuilder text = new StringBuilder();
        int length = random.nextInt(0, 30);
        for (int c = 0; c < length; c++) {
          text.append(random.nextInt(25) == 0 ? "😀" : String.valueOf(alphabet[random.nextInt(alphabet.length)]));
        }
        values.add(text.toString());
      }
      Packed row = row(JSON.writeValueAsString(values));
      for (String value : values) {
        assertThat(row.text()).isEqualTo(value);
      }
    }
    // the escapes a database may choose that Jackson does not: \/ and \\u for anything
    assertThat(row("[\"a\\/b\\u00e9\\u0041\\ud83d\\ude00\"]").text()).isEqualTo("a/béA😀");
  }

  @Test
  void aRepeatedValueIsOneInstance() {
    ScalarRow.Repeat slot = new ScalarRow.Repeat();
    String first = row("[\"4bf92f3577b34da6a3ce929d0e0e4736\"]").text(slot);
    String second = row("[\"4bf92f3577b34da6a3ce929d0e0e4736\"]").text(slot);
    String other = row("[\"0af7651916cd43dd8448eb211c80319c\"]").text(slot);

    assertThat(second).isSameAs(first);
    assertThat(other).isEqualTo("0af7651916cd43dd8448eb211c80319c");
    assertThat(row("[null]").text(slot)).isNull();
    assertThat(row("[\"0af7651916cd43dd8448eb211c80319c\"]").text(slot)).isSameAs(other);
  }

  @Test
  void aBrokenRowIsAnErrorThatShowsIt() {
    for (String broken : Arrays.asList("", "{}", "[", "[\"open", "[1.5]", "[1e3]", "[\"a\" \"b\"]", "[nul]",
        "[\"\\x\"]", "[\"\\u12\"]", "[99999999999999999999]", "[tru]")) {
      assertThatThrownBy(() -> {
        Packed row = row(broken);
        row.text();
        row.text();
      }).as(broken).isInstanceOf(IllegalStateException.class).hasMessageStartingWith("a packed row");
    }
    assertThatThrownBy(() -> row("[1.5]").longValue()).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> row("[null]").longValue()).hasMessageContaining("null where a number belongs");
    assertThatThrownBy(() -> row("[]").text()).hasMessageContaining("fewer values");
    assertThatThrownBy(() -> Packed.of(null)).isInstanceOf(IllegalStateException.class);
  }
}
