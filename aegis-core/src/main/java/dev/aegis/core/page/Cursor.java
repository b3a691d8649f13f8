package dev.aegis.core.page;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/** Turns the last id of a page into the opaque cursor clients pass back, and back again. */
public final class Cursor {
  private static final String VERSION = "v1:";

  private Cursor() {}

  public static String encode(String afterId) {
    if (afterId == null) {
      return null;
    }
    byte[] raw = (VERSION + afterId).getBytes(StandardCharsets.UTF_8);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
  }

  /** The id inside a cursor, or empty when the text is not a cursor this server issued. */
  public static Optional<String> decode(String cursor) {
    if (cursor == null || cursor.isEmpty()) {
      return Optional.empty();
    }
    try {
      String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      if (!text.startsWith(VERSION) || text.length() == VERSION.length()) {
        return Optional.empty();
      }
      return Optional.of(text.substring(VERSION.length()));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
