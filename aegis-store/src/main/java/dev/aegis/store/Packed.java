package dev.aegis.store;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The scalar columns of a row read as one: the query selects them as a JSON array ({@code json_array} on SQLite,
 * {@code json_build_array} on PostgreSQL), and this reads them back in order. On SQLite every column read is a
 * native call that costs more than the few bytes it returns, and the trace query reads a dozen such columns of 10,000
 * rows; one JSON array per row cut that part of the read to a fraction.
 */
final class Packed implements AutoCloseable {
  private static final JsonFactory JSON = new JsonFactory();

  private final JsonParser parser;

  private Packed(JsonParser parser) {
    this.parser = parser;
  }

  /** The SQL that packs these columns (a comma-separated list) into one. */
  static String columns(Dialect dialect, String columns) {
    return (dialect == Dialect.POSTGRESQL ? "json_build_array(" : "json_array(") + columns + ")";
  }

  /** A reader of one packed row, positioned before its first value. */
  static Packed of(byte[] utf8) {
    if (utf8 == null) {
      throw new IllegalStateException("a packed row is null");
    }
    try {
      JsonParser parser = JSON.createParser(utf8);
      if (parser.nextToken() != JsonToken.START_ARRAY) {
        throw new IllegalStateException("a packed row is not a JSON array: "
            + new String(utf8, StandardCharsets.UTF_8));
      }
      return new Packed(parser);
    } catch (IOException e) {
      throw new IllegalStateException("a packed row is not JSON: " + e.getMessage(), e);
    }
  }

  /** The next value as text, or null. */
  String text() {
    return next() == JsonToken.VALUE_NULL ? null : current(null);
  }

  /** The next value as text, the same instance as the slot's when it is equal (columns that repeat row to row). */
  String text(Repeat slot) {
    return next() == JsonToken.VALUE_NULL ? null : current(slot);
  }

  private String current(Repeat slot) {
    try {
      if (slot == null) {
        return parser.getText();
      }
      char[] chars = parser.getTextCharacters();
      int offset = parser.getTextOffset();
      int length = parser.getTextLength();
      String last = slot.value;
      if (last == null || !same(last, chars, offset, length)) {
        last = new String(chars, offset, length);
        slot.value = last;
      }
      return last;
    } catch (IOException e) {
      throw new IllegalStateException("a packed row could not be read: " + e.getMessage(), e);
    }
  }

  /** The next value as a whole number; null stays null. */
  Long number() {
    JsonToken token = next();
    if (token == JsonToken.VALUE_NULL) {
      return null;
    }
    try {
      return parser.getLongValue();
    } catch (IOException e) {
      throw new IllegalStateException("a packed row holds no number where one belongs: " + e.getMessage(), e);
    }
  }

  /** The next value as a whole number, where null is not allowed. */
  long longValue() {
    Long value = number();
    if (value == null) {
      throw new IllegalStateException("a packed row holds null where a number belongs");
    }
    return value;
  }

  /** The next value as a boolean: JSON's (PostgreSQL) or a number, non-zero for true (SQLite). */
  boolean bool() {
    JsonToken token = next();
    if (token == JsonToken.VALUE_TRUE || token == JsonToken.VALUE_FALSE) {
      return token == JsonToken.VALUE_TRUE;
    }
    try {
      return token == JsonToken.VALUE_NUMBER_INT && parser.getLongValue() != 0;
    } catch (IOException e) {
      throw new IllegalStateException("a packed row could not be read: " + e.getMessage(), e);
    }
  }

  private static boolean same(String text, char[] chars, int offset, int length) {
    if (text.length() != length) {
      return false;
    }
    for (int i = 0; i < length; i++) {
      if (text.charAt(i) != chars[offset + i]) {
        return false;
      }
    }
    return true;
  }

  /** Hands the parser's buffers back for the next row. */
  @Override
  public void close() {
    try {
      parser.close();
    } catch (IOException e) {
      throw new IllegalStateException("a packed row could not be closed: " + e.getMessage(), e);
    }
  }

  private JsonToken next() {
    try {
      JsonToken token = parser.nextToken();
      if (token == null || token == JsonToken.END_ARRAY || token.isStructStart()) {
        throw new IllegalStateException("a packed row ends early or nests");
      }
      return token;
    } catch (IOException e) {
      throw new IllegalStateException("a packed row could not be read: " + e.getMessage(), e);
    }
  }

  /** The last text read for one column, so that an equal value is shared rather than copied. */
  static final class Repeat {
    private String value;
  }
}
