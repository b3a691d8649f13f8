package dev.aegis.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Inserts many rows of one table with one prepared statement, in the way that costs the database least. SQLite
 * runs in-process, so a JDBC batch (one bind per value, one step per row) is as cheap as it gets there, and each
 * row's update count says whether it was inserted. PostgreSQL pays for every statement it executes, so there the
 * rows go as multi-row {@code INSERT ... VALUES (...), (...)} statements, each within the protocol's limit of
 * parameters, and {@code RETURNING} says which rows were inserted.
 */
final class Rowsets {
  /** PostgreSQL's wire protocol counts parameters in 16 bits. */
  static final int MAX_PARAMETERS = 32_767;

  /** Binds one row's values from parameter {@code first} on (1-based), in the order of the statement's columns. */
  @FunctionalInterface
  interface Binder<T> {
    void bind(PreparedStatement ps, int first, T row) throws SQLException;
  }

  private final Dialect dialect;

  Rowsets(Dialect dialect) {
    this.dialect = dialect;
  }

  /**
   * Inserts the rows: {@code head} is {@code INSERT INTO t (columns)}, {@code tail} what follows the values (an
   * {@code ON CONFLICT} clause, say).
   */
  <T> void insert(Connection c, String head, int columns, String tail, List<T> rows, Binder<T> binder)
      throws SQLException {
    if (rows.isEmpty()) {
      return;
    }
    if (dialect == Dialect.SQLITE) {
      batch(c, head, columns, tail, rows, binder);
      return;
    }
    for (List<T> chunk : chunks(rows, columns)) {
      try (PreparedStatement ps = c.prepareStatement(values(head, columns, chunk.size(), tail))) {
        bindAll(ps, columns, chunk, binder);
        ps.executeUpdate();
      }
    }
  }

  /**
   * Inserts the rows with {@code ON CONFLICT DO NOTHING} and answers, for each row, whether it was inserted. A row
   * whose key an earlier row of the same call already has is not. {@code key} names the key columns, which
   * {@code keyOf} reads from a row in the same order.
   */
  <T> boolean[] insertNew(Connection c, String head, int columns, String key, List<T> rows, Binder<T> binder,
      Function<T, List<String>> keyOf) throws SQLException {
    boolean[] inserted = new boolean[rows.size()];
    if (rows.isEmpty()) {
      return inserted;
    }
    if (dialect == Dialect.SQLITE) {
      int[] counts = batch(c, head, columns, " ON CONFLICT DO NOTHING", rows, binder);
      if (counts.length != rows.size()) {
        throw new IllegalStateException("the driver answered " + counts.length + " counts for " + rows.size());
      }
      for (int i = 0; i < counts.length; i++) {
        if (counts[i] == Statement.SUCCESS_NO_INFO) {
          throw new IllegalStateException("the driver does not say which rows were new; idempotency needs it");
        }
        inserted[i] = counts[i] > 0;
      }
      return inserted;
    }
    int keyColumns = key.split(",").length;
    Map<List<String>, Integer> returned = new HashMap<>();
    for (List<T> chunk : chunks(rows, columns)) {
      String sql = values(head, columns, chunk.size(), " ON CONFLICT DO NOTHING RETURNING " + key);
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        bindAll(ps, columns, chunk, binder);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            List<String> k = new ArrayList<>(keyColumns);
            for (int i = 1; i <= keyColumns; i++) {
              k.add(rs.getString(i));
            }
            returned.merge(k, 1, Integer::sum);
          }
        }
      }
    }
    // a key is inserted once, by the first of its rows: PostgreSQL takes the VALUES in order
    for (int i = 0; i < rows.size(); i++) {
      List<String> k = keyOf.apply(rows.get(i));
      Integer left = returned.get(k);
      if (left != null && left > 0) {
        inserted[i] = true;
        returned.put(k, left - 1);
      }
    }
    return inserted;
  }

  private static <T> int[] batch(Connection c, String head, int columns, String tail, List<T> rows,
      Binder<T> binder) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(values(head, columns, 1, tail))) {
      for (T row : rows) {
        binder.bind(ps, 1, row);
        ps.addBatch();
      }
      return ps.executeBatch();
    }
  }

  private static <T> void bindAll(PreparedStatement ps, int columns, List<T> rows, Binder<T> binder)
      throws SQLException {
    for (int i = 0; i < rows.size(); i++) {
      binder.bind(ps, 1 + i * columns, rows.get(i));
    }
  }

  private static <T> List<List<T>> chunks(List<T> rows, int columns) {
    int perStatement = Math.max(1, MAX_PARAMETERS / columns);
    List<List<T>> out = new ArrayList<>();
    for (int from = 0; from < rows.size(); from += perStatement) {
      out.add(rows.subList(from, Math.min(rows.size(), from + perStatement)));
    }
    return out;
  }

  static String values(String head, int columns, int rows, String tail) {
    StringBuilder row = new StringBuilder("(");
    for (int i = 0; i < columns; i++) {
      row.append(i == 0 ? "?" : ", ?");
    }
    row.append(')');
    StringBuilder sql = new StringBuilder(head.length() + tail.length() + rows * (row.length() + 2) + 8);
    sql.append(head).append(" VALUES ");
    for (int i = 0; i < rows; i++) {
      sql.append(i == 0 ? "" : ", ").append(row);
    }
    return sql.append(tail).toString();
  }
}
