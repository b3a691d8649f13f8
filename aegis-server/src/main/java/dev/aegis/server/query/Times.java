package dev.aegis.server.query;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the time bounds of a query: RFC 3339 timestamps, or a span of time back from now such as {@code -1h}. */
final class Times {
  static final String FORMS = "an RFC 3339 time such as 2026-11-24T12:00:00Z (or with an offset, +02:00), or a"
      + " time back from now such as -30s, -15m, -2h or -7d";
  private static final Pattern RELATIVE = Pattern.compile("-(\\d{1,9})([smhd])");
  /** Unencoded in a URL, the {@code +} of an offset arrives as a space. */
  private static final Pattern SPACE_FOR_PLUS = Pattern.compile("(.*T[0-9:.]+) (\\d{2}:\\d{2})");

  private Times() {}

  /** The instant the text names, or null when it is neither form. */
  static Instant parse(String text, Instant now) {
    Matcher relative = RELATIVE.matcher(text);
    if (relative.matches()) {
      long amount = Long.parseLong(relative.group(1));
      Duration back = switch (relative.group(2)) {
        case "s" -> Duration.ofSeconds(amount);
        case "m" -> Duration.ofMinutes(amount);
        case "h" -> Duration.ofHours(amount);
        default -> Duration.ofDays(amount);
      };
      return now.minus(back);
    }
    Matcher spaced = SPACE_FOR_PLUS.matcher(text);
    String rfc3339 = spaced.matches() ? spaced.group(1) + "+" + spaced.group(2) : text;
    try {
      return OffsetDateTime.parse(rfc3339).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
