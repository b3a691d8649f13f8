package dev.aegis.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/** Times are stored as epoch milliseconds; null stays null. */
final class Times {
  private Times() {}

  static Long toMillis(Instant instant) {
    return instant == null ? null : instant.toEpochMilli();
  }

  static Instant read(ResultSet rs, String column) throws SQLException {
    long millis = rs.getLong(column);
    return rs.wasNull() ? null : Instant.ofEpochMilli(millis);
  }
}
