package dev.aegis.server.query;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.aegis.server.http.Json;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Writes times as the API does everywhere ({@link Json#format}: RFC 3339 in UTC with milliseconds, such as
 * {@code 2026-11-25T01:11:02.148Z}), arithmetically: a trace answer holds tens of thousands of times, and a
 * formatter per time was a visible part of its cost. Years outside 0 to 9999 go through {@link Json#format}.
 */
final class ApiTimes {
  private static final long NANOS_PER_SECOND = 1_000_000_000L;
  private static final long SECONDS_PER_DAY = 86_400L;
  private static final long FIRST_DAY = LocalDate.of(0, 1, 1).toEpochDay();
  private static final long LAST_DAY = LocalDate.of(9999, 12, 31).toEpochDay();

  private ApiTimes() {}

  static void write(JsonGenerator gen, Instant at) throws IOException {
    write(gen, at.getEpochSecond(), at.getNano());
  }

  static void write(JsonGenerator gen, long unixNanos) throws IOException {
    write(gen, Math.floorDiv(unixNanos, NANOS_PER_SECOND), (int) Math.floorMod(unixNanos, NANOS_PER_SECOND));
  }

  private static void write(JsonGenerator gen, long epochSecond, int nanoOfSecond) throws IOException {
    long day = Math.floorDiv(epochSecond, SECONDS_PER_DAY);
    if (day < FIRST_DAY || day > LAST_DAY) {
      gen.writeString(Json.format(Instant.ofEpochSecond(epochSecond, nanoOfSecond)));
      return;
    }
    LocalDate date = LocalDate.ofEpochDay(day);
    int secondOfDay = (int) (epochSecond - day * SECONDS_PER_DAY);
    char[] text = new char[24];
    digits(text, 0, date.getYear(), 4);
    text[4] = '-';
    digits(text, 5, date.getMonthValue(), 2);
    text[7] = '-';
    digits(text, 8, date.getDayOfMonth(), 2);
    text[10] = 'T';
    digits(text, 11, secondOfDay / 3600, 2);
    text[13] = ':';
    digits(text, 14, secondOfDay / 60 % 60, 2);
    text[16] = ':';
    digits(text, 17, secondOfDay % 60, 2);
    text[19] = '.';
    digits(text, 20, nanoOfSecond / 1_000_000, 3);
    text[23] = 'Z';
    gen.writeString(text, 0, text.length);
  }

  private static void digits(char[] into, int at, int value, int width) {
    for (int i = at + width - 1; i >= at; i--) {
      into[i] = (char) ('0' + value % 10);
      value /= 10;
    }
  }
}
