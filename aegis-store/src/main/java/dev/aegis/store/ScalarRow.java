package dev.aegis.store;

import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The scalar columns of a row, read in the order they were selected. On SQLite they come packed into one JSON array
 * ({@link Packed}); on PostgreSQL, where a column costs the driver next to nothing and building the array would cost
 * the server, one by one ({@link Columns}).
 */
interface ScalarRow {
  /** The next value as text, or null. */
  String text() throws SQLException;

  /** The same, and the slot's previous text when equal, so that a value repeated from row to row is one instance. */
  String text(Repeat slot) throws SQLException;

  /** The next value as a whole number; null stays null. */
  Long number() throws SQLException;

  /** The next value as a whole number, where null is not allowed. */
  long longValue() throws SQLException;

  /** The next value as a boolean. */
  boolean bool() throws SQLException;

  /**
   * How a list of scalar columns is selected on one database, and where the columns after it start.
   *
   * @param select the SQL for the list
   * @param next the position of the first column selected after it
   */
  record Select(boolean packed, String select, int next) {
    static Select of(Dialect dialect, String columns) {
      if (dialect == Dialect.SQLITE) {
        return new Select(true, "json_array(" + columns + ")", 2);
      }
      return new Select(false, columns, columns.split(",").length + 1);
    }

    /** The row's scalar columns, from the first column on. */
    ScalarRow row(ResultSet rs) throws SQLException {
      return packed ? Packed.of(rs.getBytes(1)) : new Columns(rs);
    }
  }

  /** The last text read for one column, so that an equal value is shared rather than copied. */
  final class Repeat {
    byte[] bytes;
    String text;
  }

  /** Plain columns, read one by one. */
  final class Columns implements ScalarRow {
    private final ResultSet rs;
    private int column = 1;

    Columns(ResultSet rs) {
      this.rs = rs;
    }

    @Override
    public String text() throws SQLException {
      return rs.getString(column++);
    }

    @Override
    public String text(Repeat slot) throws SQLException {
      String text = rs.getString(column++);
      if (text != null && text.equals(slot.text)) {
        return slot.text;
      }
      slot.text = text;
      return text;
    }

    @Override
    public Long number() throws SQLException {
      long value = rs.getLong(column++);
      return rs.wasNull() ? null : value;
    }

    @Override
    public long longValue() throws SQLException {
      Long value = number();
      if (value == null) {
        throw new IllegalStateException("a stored row holds null where a number belongs");
      }
      return value;
    }

    @Override
    public boolean bool() throws SQLException {
      return rs.getBoolean(column++);
    }
  }
}
