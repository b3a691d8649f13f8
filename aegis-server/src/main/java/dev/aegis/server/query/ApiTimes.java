package dev.aegis.server.query;

import dev.aegis.server.http.Json;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Writes times as the API does everywhere ({@link Json#format}: RFC 3339 in UTC with milliseconds, such as
 * {@code 2026-11-25T01:11:02.148Z}), by arithmetic into a reused buffer: a trace answer holds tens of thousands of
 * times, mostly of one day, and a formatter per time was a visible part of its cost. Years outside 0 to 9999 go
 * through {@link Json#format}. One instance per answer: it is not for sharing between threads.
 */
final class ApiTimes {
  private static final long NANOS_PER_SECOND = 1_000_000_000L;
  private static final long SECONDS_PER_DAY = 86_400L;
  private static final long FIRST_DAY = LocalDate.of(0, 1, 1).toEpochDay();
  private static final long LAST_DAY = LocalDate.of(9999, 12, 31).toEpochDay();

  /** {@code "yyyy-MM-ddTHH:mm:ss.SSSZ"}, quotes included; the date is rewritten only when the day changes. */
  private final byte[] text = Utf8Json.ascii("\"0000-00-00T00:00:00.000Z\"");
  private long day = Long.MIN_VALUE;

  void write(Utf8Json json, Instant at) throws IOException {
    write(json, at.getEpochSecond(), at.getNano());
  }

  void write(Utf8Json json, long unixNanos) throws IOException {
    write(json, Math.floorDiv(unixNanos, NANOS_PER_SECOND), (int) Math.floorMod(unixNanos, NANOS_PER_SECOND));
  }

  private void write(Utf8Json json, long epochSecond, int nanoOfSecond) throws IOException {
    long epochDay = Math.floorDiv(epochSecond, SECONDS_PER_DAY);
    if (epochDay < FIRST_DAY || epochDay > LAST_DAY) {
      json.string(Json.format(Instant.ofEpochSecond(epochSecond, nanoOfSecond)));
      return;
    }
    if (epochDay != day) {
      LocalDate date = LocalDate.ofEpochDay(epochDay);
      digits(1, date.getYear(), 4);
      digits(6, date.getMonthValue(), 2);
      digits(9, date.getDayOfMonth(), 2);
      day = epochDay;
    }
    int secondOfDay = (int) (epochSecond - epochDay * SECONDS_PER_DAY);
    digits(12, secondOfDay / 3600, 2);
    digits(15, secondOfDay / 60 % 60, 2);
    digits(18, secondOfDay % 60, 2);
    digits(21, nanoOfSecond / 1_000_000, 3);
    json.raw(text);
  }

  private void digits(int at, int value, int width) {
    for (int i = at + width - 1; i >= at; i--) {
      text[i] = (byte) ('0' + value % 10);
      value /= 10;
    }
  }
}
