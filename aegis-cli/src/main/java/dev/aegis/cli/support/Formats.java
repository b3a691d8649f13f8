package dev.aegis.cli.support;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** Turns values into the short text the tables show. */
public final class Formats {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

  private Formats() {}

  /** Such as {@code 2026-11-24T23:40:12Z}: UTC, to the second; {@code orElse} for null. */
  public static String time(Instant instant, String orElse) {
    return instant == null ? orElse : TIME.format(instant.truncatedTo(ChronoUnit.SECONDS));
  }

  /** Such as {@code agent,operator}. */
  public static String roles(List<String> roles) {
    return String.join(",", roles);
  }

  /** The start of a secret, enough to recognise it, never enough to use it. */
  public static String secretHint(String secret) {
    if (secret == null) {
      return "(none)";
    }
    return secret.length() <= 14 ? "(hidden)" : secret.substring(0, 14) + "...";
  }
}
