package dev.aegis.store;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The scalar columns of a row read as one: the query selects them as a JSON array ({@code json_array}), and this
 * reads them back in order. On SQLite every column read is a native call that costs more than the few bytes it
 * returns, and the trace query reads a dozen such columns of 10,000 rows; one array per row cut that part of the read
 * to a fraction. The arrays are the database's own output (strings, whole numbers and nulls, never nested), so this
 * reads just that, without a general parser's set-up per row; anything else is a broken row.
 */
final class Packed implements ScalarRow {
  private final byte[] json;
  private int at;
  private boolean first = true;

  private Packed(byte[] json, int at) {
    this.json = json;
    this.at = at;
  }

  /** A reader of one packed row, before its first value. */
  static Packed of(byte[] utf8) {
    if (utf8 == null) {
      throw broken("is null", null);
    }
    Packed row = new Packed(utf8, 0);
    row.skipSpace();
    row.expect('[');
    return row;
  }

  @Override
  public String text() {
    return text(null);
  }

  @Override
  public String text(Repeat slot) {
    if (nextIsNull()) {
      return null;
    }
    expect('"');
    int start = at;
    while (at < json.length && json[at] != '"' && json[at] != '\\') {
      at++;
    }
    if (at >= json.length) {
      throw broken("ends inside a string", json);
    }
    if (json[at] == '"') {
      int end = at++;
      if (slot != null && slot.bytes != null && Arrays.equals(slot.bytes, 0, slot.bytes.length, json, start, end)) {
        return slot.text;
      }
      String text = new String(json, start, end - start, StandardCharsets.UTF_8);
      if (slot != null) {
        slot.bytes = Arrays.copyOfRange(json, start, end);
        slot.text = text;
      }
      return text;
    }
    return escaped(start);
  }

  @Override
  public Long number() {
    return nextIsNull() ? null : digits();
  }

  @Override
  public long longValue() {
    if (nextIsNull()) {
      throw broken("holds null where a number belongs", json);
    }
    return digits();
  }

  /** JSON's booleans, or a number, non-zero for true (SQLite's booleans are numbers). */
  @Override
  public boolean bool() {
    if (nextIsNull()) {
      throw broken("holds null where a boolean belongs", json);
    }
    if (json[at] == 't') {
      literal("true");
      return true;
    }
    if (json[at] == 'f') {
      literal("false");
      return false;
    }
    return digits() != 0;
  }

  /** Moves to the next value; whether it is {@code null} (and then past it). */
  private boolean nextIsNull() {
    skipSpace();
    if (!first) {
      expect(',');
      skipSpace();
    }
    first = false;
    if (at >= json.length || json[at] == ']') {
      throw broken("has fewer values than columns", json);
    }
    if (json[at] == 'n') {
      literal("null");
      return true;
    }
    return false;
  }

  private long digits() {
    boolean negative = at < json.length && json[at] == '-';
    if (negative) {
      at++;
    }
    int start = at;
    long value = 0;
    try {
      while (at < json.length && json[at] >= '0' && json[at] <= '9') {
        // accumulated negatively, so that the most negative long fits
        value = Math.subtractExact(Math.multiplyExact(value, 10), json[at] - '0');
        at++;
      }
      if (!negative) {
        value = Math.negateExact(value);
      }
    } catch (ArithmeticException e) {
      throw broken("holds a number too large for a long", json);
    }
    if (at == start || (at < json.length && (json[at] == '.' || json[at] == 'e' || json[at] == 'E'))) {
      throw broken("holds no whole number where one belongs", json);
    }
    return value;
  }

  /** A string with escapes, from its first character: the slow way, which ids and names hardly ever need. */
  private String escaped(int start) {
    StringBuilder text = new StringBuilder();
    int run = start;
    while (true) {
      if (at >= json.length) {
        throw broken("ends inside a string", json);
      }
      byte b = json[at];
      if (b == '"') {
        text.append(new String(json, run, at - run, StandardCharsets.UTF_8));
        at++;
        return text.toString();
      }
      if (b != '\\') {
        at++;
        continue;
      }
      text.append(new String(json, run, at - run, StandardCharsets.UTF_8));
      if (at + 1 >= json.length) {
        throw broken("ends inside an escape", json);
      }
      char escape = (char) json[at + 1];
      at += 2;
      switch (escape) {
        case '"', '\\', '/' -> text.append(escape);
        case 'b' -> text.append('\b');
        case 'f' -> text.append('\f');
        case 'n' -> text.append('\n');
        case 'r' -> text.append('\r');
        case 't' -> text.append('\t');
        case 'u' -> {
          if (at + 4 > json.length) {
            throw broken("ends inside an escape", json);
          }
          try {
            text.append((char) Integer.parseInt(new String(json, at, 4, StandardCharsets.US_ASCII), 16));
          } catch (NumberFormatException e) {
            throw broken("has a broken escape", json);
          }
          at += 4;
        }
        default -> throw broken("has an unknown escape", json);
      }
      run = at;
    }
  }

  private void literal(String word) {
    for (int i = 0; i < word.length(); i++) {
      if (at >= json.length || json[at] != word.charAt(i)) {
        throw broken("holds something other than " + word, json);
      }
      at++;
    }
  }

  private void expect(char c) {
    if (at >= json.length || json[at] != c) {
      throw broken("lacks '" + c + "' at " + at, json);
    }
    at++;
  }

  private void skipSpace() {
    while (at < json.length && (json[at] == ' ' || json[at] == '\n' || json[at] == '\r' || json[at] == '\t')) {
      at++;
    }
  }

  private static IllegalStateException broken(String what, byte[] json) {
    return new IllegalStateException("a packed row " + what
        + (json == null ? "" : ": " + new String(json, StandardCharsets.UTF_8)));
  }
}
