package dev.aegis.server.query;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The few things the trace answer writes, as UTF-8 bytes into a buffer that goes to the stream when full: bytes
 * encoded beforehand (names, punctuation, constant values), strings, numbers, and JSON text copied as it is. Strings
 * are escaped exactly as Jackson escapes them (quote, backslash, the short escapes of {@code \b \t \n \f \r},
 * six-character escapes for the other control characters, nothing else); a string of printable ASCII, which ids and
 * most names are, is copied without asking an encoder. Not for sharing between threads.
 */
final class Utf8Json {
  private static final byte[] NULL = ascii("null");
  private static final byte[] TRUE = ascii("true");
  private static final byte[] FALSE = ascii("false");
  private static final byte[] ZERO = ascii("0.0");
  /** The end of {@link #thousandths}' range. */
  static final long MAX_THOUSANDTHS = 10_000_000_000L;

  private final OutputStream out;
  private final byte[] buffer = new byte[32 * 1024];
  private int used;

  Utf8Json(OutputStream out) {
    this.out = out;
  }

  static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  void raw(byte[] bytes) throws IOException {
    if (bytes.length > buffer.length - used) {
      flushBuffer();
      if (bytes.length > buffer.length) {
        out.write(bytes);
        return;
      }
    }
    System.arraycopy(bytes, 0, buffer, used, bytes.length);
    used += bytes.length;
  }

  void raw(char c) throws IOException {
    if (used == buffer.length) {
      flushBuffer();
    }
    buffer[used++] = (byte) c;
  }

  /** JSON text (an object, an array, a value) copied as it is. */
  void rawJson(SerializableString json) throws IOException {
    int written = json.appendUnquotedUTF8(buffer, used);
    if (written < 0) {
      flushBuffer();
      written = json.appendUnquotedUTF8(buffer, used);
      if (written < 0) {
        json.writeUnquotedUTF8(out);
        return;
      }
    }
    used += written;
  }

  /** A JSON string, or {@code null}. */
  void string(String text) throws IOException {
    if (text == null) {
      raw(NULL);
      return;
    }
    int length = text.length();
    if (length + 2 > buffer.length - used) {
      flushBuffer();
    }
    if (length + 2 <= buffer.length) {
      int at = used;
      buffer[at++] = '"';
      int i = 0;
      for (; i < length; i++) {
        char c = text.charAt(i);
        if (c < 0x20 || c >= 0x7f || c == '"' || c == '\\') {
          break;
        }
        buffer[at++] = (byte) c;
      }
      if (i == length) {
        buffer[at++] = '"';
        used = at;
        return;
      }
    }
    // something to escape or encode: the encoder Jackson's generators use
    raw('"');
    raw(JsonStringEncoder.getInstance().quoteAsUTF8(text));
    raw('"');
  }

  void number(long value) throws IOException {
    if (value < 0) {
      if (value == Long.MIN_VALUE) {
        raw(ascii(Long.toString(value)));
        return;
      }
      raw('-');
      value = -value;
    }
    if (buffer.length - used < 19) {
      flushBuffer();
    }
    int digits = 1;
    for (long rest = value / 10; rest > 0; rest /= 10) {
      digits++;
    }
    for (int i = used + digits - 1; i >= used; i--) {
      buffer[i] = (byte) ('0' + value % 10);
      value /= 10;
    }
    used += digits;
  }

  /** As Jackson writes a double: {@link Double#toString}. */
  void number(double value) throws IOException {
    raw(ascii(Double.toString(value)));
  }

  /**
   * A count of thousandths, from 0 to 10^10, as {@link #number(double)} writes {@code thousandths / 1000.0}, without
   * the general shortest-decimal search: such a decimal has at most 10 significant digits, fewer than the 15 every
   * double keeps, so it is the shortest text that reads back as that double, and {@link Double#toString} writes it
   * plainly (not as {@code 1.0E-4}) from 0.001 up to 10^7.
   */
  void thousandths(long thousandths) throws IOException {
    if (thousandths < 0 || thousandths >= MAX_THOUSANDTHS) {
      throw new IllegalArgumentException("thousandths out of range: " + thousandths);
    }
    if (thousandths == 0) {
      raw(ZERO);
      return;
    }
    number(thousandths / 1_000);
    long fraction = thousandths % 1_000;
    raw('.');
    if (fraction == 0) {
      raw('0');
      return;
    }
    raw((char) ('0' + fraction / 100));
    if (fraction % 100 != 0) {
      raw((char) ('0' + fraction / 10 % 10));
      if (fraction % 10 != 0) {
        raw((char) ('0' + fraction % 10));
      }
    }
  }

  void bool(boolean value) throws IOException {
    raw(value ? TRUE : FALSE);
  }

  void nullValue() throws IOException {
    raw(NULL);
  }

  /** Sends what is buffered to the stream and flushes it. */
  void flush() throws IOException {
    flushBuffer();
    out.flush();
  }

  private void flushBuffer() throws IOException {
    if (used > 0) {
      out.write(buffer, 0, used);
      used = 0;
    }
  }
}
