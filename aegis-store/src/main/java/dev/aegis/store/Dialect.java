package dev.aegis.store;

import java.sql.SQLException;

/** What differs between the databases we support. */
enum Dialect {
  SQLITE("sqlite"),
  POSTGRESQL("postgresql");

  private final String kind;

  Dialect(String kind) {
    this.kind = kind;
  }

  String kind() {
    return kind;
  }

  String migrations() {
    return "classpath:db/migration/" + kind;
  }

  static Dialect of(String url) {
    if (url.startsWith("jdbc:sqlite:")) {
      return SQLITE;
    }
    if (url.startsWith("jdbc:postgresql:")) {
      return POSTGRESQL;
    }
    throw new IllegalArgumentException(
        "database.url must start with jdbc:postgresql: or jdbc:sqlite:, was " + url.split("\\?")[0]);
  }

  /**
   * What to append to a {@code SELECT} so that concurrent transactions each lock different rows: PostgreSQL skips
   * rows another transaction holds; SQLite needs nothing, since it runs one writing transaction at a time.
   */
  String skipLockedRows() {
    return this == POSTGRESQL ? " FOR UPDATE SKIP LOCKED" : "";
  }

  /** Whether the exception (or one of its causes) is a violated unique constraint. */
  boolean isUniqueViolation(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql) {
        if (this == POSTGRESQL && "23505".equals(sql.getSQLState())) {
          return true;
        }
        // SQLITE_CONSTRAINT_UNIQUE and SQLITE_CONSTRAINT_PRIMARYKEY
        if (this == SQLITE && (sql.getErrorCode() == 2067 || sql.getErrorCode() == 1555
            || (sql.getMessage() != null && sql.getMessage().contains("UNIQUE constraint failed")))) {
          return true;
        }
      }
    }
    return false;
  }
}
