package dev.aegis.core.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CanonicalJsonTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The number samples of RFC 8785, Appendix B: IEEE 754 bits and the text every JCS implementation writes. */
  @ParameterizedTest
  @CsvSource({
    "0000000000000000, 0",
    "8000000000000000, 0",
    "0000000000000001, 5e-324",
    "8000000000000001, -5e-324",
    "7fefffffffffffff, 1.7976931348623157e+308",
    "ffefffffffffffff, -1.7976931348623157e+308",
    "4340000000000000, 9007199254740992",
    "c340000000000000, -9007199254740992",
    "4430000000000000, 295147905179352830000",
    "44b52d02c7e14af5, 9.999999999999997e+22",
    "44b52d02c7e14af6, 1e+23",
    "44b52d02c7e14af7, 1.0000000000000001e+23",
    "444b1ae4d6e2ef4e, 999999999999999700000",
    "444b1ae4d6e2ef4f, 999999999999999900000",
    "444b1ae4d6e2ef50, 1e+21",
    "3eb0c6f7a0b5ed8c, 9.999999999999997e-7",
    "3eb0c6f7a0b5ed8d, 0.000001",
    "41b3de4355555553, 333333333.3333332",
    "41b3de4355555554, 333333333.33333325",
    "41b3de4355555555, 333333333.3333333",
    "41b3de4355555556, 333333333.3333334",
    "41b3de4355555557, 333333333.33333343",
    "becbf647612f3696, -0.0000033333333333333333",
    "43143ff3c1cb0959, 1424953923781206.2"
  })
  void writesNumbersAsRfc8785AppendixB(String bits, String expected) {
    double value = Double.longBitsToDouble(Long.parseUnsignedLong(bits, 16));

    assertThat(CanonicalJson.number(value)).isEqualTo(expected);
  }

  @Test
  void refusesWhatJsonCannotHold() {
    assertThatThrownBy(() -> CanonicalJson.number(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> CanonicalJson.write(JsonNodeFactory.instance.numberNode(Double.POSITIVE_INFINITY)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void writesTheRfcSampleAsTheReferenceImplementationDoes() throws Exception {
    JsonNode input = JSON.readTree("""
        {
          "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
          "string": "\\u20ac$\\u000F\\u000aA'\\u0042\\u0022\\u005c\\\\\\"\\/",
          "literals": [null, true, false]
        }
        """);

    assertThat(CanonicalJson.write(input)).isEqualTo("{\"literals\":[null,true,false],"
        + "\"numbers\":[333333333.3333333,1e+30,4.5,0.002,1e-27],"
        + "\"string\":\"€$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}");
  }

  @Test
  void sortsMembersByUtf16CodeUnitsAtEveryDepth() throws Exception {
    // the RFC's sorting sample: code units, not code points, so the emoji (a surrogate pair) sorts before U+FB33
    JsonNode input = JSON.readTree("""
        {"\\u20ac": "Euro Sign", "\\r": "Carriage Return", "\\ufb33": "Hebrew Letter Dalet With Dagesh",
         "1": "One", "\\ud83d\\ude00": "Emoji: Grinning Face", "\\u0080": "Control", "\\u00f6": "Latin Small Letter O With Diaeresis",
         "nested": {"b": 1, "a": [{"d": 1, "c": 2}]}}
        """);

    assertThat(CanonicalJson.write(input)).isEqualTo("{\"\\r\":\"Carriage Return\",\"1\":\"One\","
        + "\"nested\":{\"a\":[{\"c\":2,\"d\":1}],\"b\":1},\"\u0080\":\"Control\","
        + "\"ö\":\"Latin Small Letter O With Diaeresis\",\"€\":\"Euro Sign\",\"😀\":\"Emoji: Grinning Face\","
        + "\"\uFB33\":\"Hebrew Letter Dalet With Dagesh\"}");
  }

  @Test
  void integersStayExactUpTo2To53AndLongerOnesAreDoublesAsInJavaScript() {
    assertThat(CanonicalJson.write(JsonNodeFactory.instance.numberNode(9007199254740992L)))
        .isEqualTo("9007199254740992");
    assertThat(CanonicalJson.write(JsonNodeFactory.instance.numberNode(9007199254740993L)))
        .isEqualTo("9007199254740992");
    assertThat(CanonicalJson.write(JsonNodeFactory.instance.numberNode(-42))).isEqualTo("-42");
  }

  @Test
  void aLoneSurrogateBecomesTheReplacementCharacter() {
    assertThat(CanonicalJson.string("a\uD800b\uDC00")).isEqualTo("\"a\uFFFDb\uFFFD\"");
    assertThat(CanonicalJson.string(null)).isEqualTo("null");
  }
}
