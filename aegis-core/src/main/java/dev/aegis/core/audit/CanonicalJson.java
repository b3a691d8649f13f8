package dev.aegis.core.audit;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The JSON Canonicalization Scheme of RFC 8785 (JCS): members sorted by their names' UTF-16 code units, no
 * whitespace, strings escaped as ECMAScript's {@code JSON.stringify} does, numbers as ECMAScript prints a double.
 * Any JCS implementation in any language gives the same text, so an auditor can recompute an entry's hash without
 * Aegis. A lone surrogate cannot be written as UTF-8; it becomes U+FFFD.
 */
public final class CanonicalJson {
  private static final long EXACT_INTEGER = 1L << 53;
  private static final String HEX = "0123456789abcdef";

  private CanonicalJson() {}

  /** The canonical text of a JSON value; a NaN or infinite number is an {@link IllegalArgumentException}. */
  public static String write(JsonNode node) {
    StringBuilder out = new StringBuilder();
    write(node, out);
    return out.toString();
  }

  private static void write(JsonNode node, StringBuilder out) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      out.append("null");
    } else if (node.isBoolean()) {
      out.append(node.booleanValue());
    } else if (node.isNumber()) {
      out.append(number(node));
    } else if (node.isTextual()) {
      string(node.textValue(), out);
    } else if (node.isArray()) {
      out.append('[');
      for (int i = 0; i < node.size(); i++) {
        if (i > 0) {
          out.append(',');
        }
        write(node.get(i), out);
      }
      out.append(']');
    } else if (node.isObject()) {
      List<Map.Entry<String, JsonNode>> members = new ArrayList<>(node.properties());
      // String.compareTo compares UTF-16 code units, which is the order RFC 8785 asks for
      members.sort(Map.Entry.comparingByKey());
      out.append('{');
      for (int i = 0; i < members.size(); i++) {
        if (i > 0) {
          out.append(',');
        }
        string(members.get(i).getKey(), out);
        out.append(':');
        write(members.get(i).getValue(), out);
      }
      out.append('}');
    } else {
      throw new IllegalArgumentException("not a JSON value: " + node.getNodeType());
    }
  }

  private static String number(JsonNode node) {
    if (node.isIntegralNumber() && node.canConvertToLong()) {
      long value = node.longValue();
      if (value >= -EXACT_INTEGER && value <= EXACT_INTEGER) {
        return Long.toString(value);
      }
    }
    return number(node.doubleValue());
  }

  /** A double as ECMAScript's {@code Number.prototype.toString} writes it (ECMA-262, Number::toString). */
  public static String number(double value) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      throw new IllegalArgumentException("JSON has no " + value);
    }
    if (value == 0) {
      return "0"; // and -0 too
    }
    if (value < 0) {
      return "-" + number(-value);
    }
    // Double.toString gives the shortest digits that read back as the same double (JDK 19 and later)
    BigDecimal exact = new BigDecimal(Double.toString(value)).stripTrailingZeros();
    if (exact.precision() == 2) {
      exact = oneDigit(value, exact);
    }
    String digits = exact.unscaledValue().toString();
    int k = digits.length();
    int n = k - exact.scale(); // value = digits × 10^(n - k)
    if (k <= n && n <= 21) {
      return digits + "0".repeat(n - k);
    }
    if (0 < n && n <= 21) {
      return digits.substring(0, n) + "." + digits.substring(n);
    }
    if (-6 < n && n <= 0) {
      return "0." + "0".repeat(-n) + digits;
    }
    int exponent = n - 1;
    String mantissa = k == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
    return mantissa + "e" + (exponent < 0 ? "-" : "+") + Math.abs(exponent);
  }

  /** A string as canonical JSON, quotes included; null is {@code null}. */
  public static String string(String text) {
    if (text == null) {
      return "null";
    }
    StringBuilder out = new StringBuilder(text.length() + 2);
    string(text, out);
    return out.toString();
  }

  /**
   * Java writes at least two digits where one would read back as the same double (5e-324 is "4.9E-324");
   * ECMAScript writes the one digit. Of the one-digit neighbours of Java's answer, the one that reads back as the
   * value (the closer, if both do), else Java's answer.
   */
  private static BigDecimal oneDigit(double value, BigDecimal twoDigits) {
    BigDecimal exactValue = new BigDecimal(value);
    BigDecimal best = null;
    for (RoundingMode mode : new RoundingMode[] {RoundingMode.FLOOR, RoundingMode.CEILING}) {
      BigDecimal candidate = twoDigits.round(new MathContext(1, mode));
      if (Double.parseDouble(candidate.toString()) == value && (best == null
          || candidate.subtract(exactValue).abs().compareTo(best.subtract(exactValue).abs()) < 0)) {
        best = candidate;
      }
    }
    return best == null ? twoDigits : best.stripTrailingZeros();
  }

  private static void string(String text, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append("\\u00").append(HEX.charAt(c >> 4)).append(HEX.charAt(c & 0xf));
          } else if (Character.isHighSurrogate(c) && i + 1 < text.length()
              && Character.isLowSurrogate(text.charAt(i + 1))) {
            out.append(c).append(text.charAt(++i));
          } else if (Character.isSurrogate(c)) {
            out.append('\uFFFD');
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
