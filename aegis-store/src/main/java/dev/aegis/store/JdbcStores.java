package dev.aegis.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.aegis.core.store.Store;
import dev.aegis.core.store.StoreException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Opens the JDBC store that a {@link StoreConfig} names, migrating its schema first. */
public final class JdbcStores {
  private static final Logger LOG = LoggerFactory.getLogger(JdbcStores.class);
  /** The SQLite file inside the data directory. */
  public static final String SQLITE_FILE = "aegis.db";

  private static final long SQLITE_MMAP_BYTES = 1L << 30;
  private static final int SQLITE_CACHE_KIB = 64 * 1024;
  private static final int SQLITE_CHECKPOINT_PAGES = 8192;
  private static final long SQLITE_WAL_LIMIT_BYTES = 64L << 20;

  private JdbcStores() {}

  /** Opens SQLite or PostgreSQL as the config says; throws {@link StoreException} on failure. */
  public static Store open(StoreConfig config) {
    String url = config.url() == null || config.url().isBlank() ? sqliteUrl(config.dataDir()) : config.url();
    Dialect dialect = Dialect.of(url);
    HikariDataSource dataSource;
    try {
      dataSource = new HikariDataSource(hikari(config, url, dialect));
    } catch (RuntimeException e) {
      throw Sql.failure("connect to " + redact(url), e);
    }
    try {
      migrate(dataSource, dialect);
    } catch (RuntimeException e) {
      dataSource.close();
      throw e;
    }
    LOG.info("store open: {} at {}", dialect.kind(), redact(url));
    return new JdbcStore(dataSource, dialect);
  }

  private static String sqliteUrl(Path dataDir) {
    try {
      Files.createDirectories(dataDir);
    } catch (IOException e) {
      throw new StoreException("cannot create the data directory " + dataDir + ": " + e.getMessage(), e);
    }
    return "jdbc:sqlite:" + dataDir.resolve(SQLITE_FILE).toAbsolutePath();
  }

  private static HikariConfig hikari(StoreConfig config, String url, Dialect dialect) {
    HikariConfig hikari = new HikariConfig();
    hikari.setPoolName("aegis-store");
    hikari.setJdbcUrl(url);
    if (config.user() != null) {
      hikari.setUsername(config.user());
    }
    if (config.password() != null) {
      hikari.setPassword(config.password());
    }
    hikari.setMaximumPoolSize(config.poolSize());
    hikari.setConnectionTimeout(5_000);
    hikari.setValidationTimeout(2_000);
    if (dialect == Dialect.SQLITE) {
      // Every connection gets these pragmas. WAL lets readers run beside the writer; FULL makes each commit
      // durable before it returns; IMMEDIATE transactions take the write lock up front, so the busy timeout
      // applies instead of failing on lock upgrade.
      hikari.addDataSourceProperty("journal_mode", "WAL");
      hikari.addDataSourceProperty("synchronous", "FULL");
      hikari.addDataSourceProperty("foreign_keys", "true");
      hikari.addDataSourceProperty("busy_timeout", String.valueOf(config.busyTimeout().toMillis()));
      hikari.addDataSourceProperty("transaction_mode", "IMMEDIATE");
      // Ingest speed; durability is as above. Reads go through a memory map instead of a copy per page; the
      // writer's cache holds the index pages it keeps coming back to; and a checkpoint (copying the WAL into the
      // database, and its fsync) runs every 32 MiB of WAL instead of every 4 MiB, so a page that several
      // transactions changed is copied once. Memory use stays bounded: the map is the OS page cache, the cache
      // is per connection and readers' pages come from the map, and the WAL shrinks back past its size limit.
      hikari.addDataSourceProperty("mmap_size", String.valueOf(SQLITE_MMAP_BYTES));
      hikari.addDataSourceProperty("cache_size", String.valueOf(-SQLITE_CACHE_KIB));
      hikari.addDataSourceProperty("wal_autocheckpoint", String.valueOf(SQLITE_CHECKPOINT_PAGES));
      hikari.addDataSourceProperty("journal_size_limit", String.valueOf(SQLITE_WAL_LIMIT_BYTES));
    }
    return hikari;
  }

  private static void migrate(HikariDataSource dataSource, Dialect dialect) {
    try {
      Flyway.configure()
          .dataSource(dataSource)
          .locations(dialect.migrations())
          .loggers("slf4j")
          .load()
          .migrate();
    } catch (FlywayException e) {
      throw new StoreException("the store's schema could not be migrated: " + e.getMessage(), e);
    }
  }

  /** The URL without its query string, which may carry a password. */
  static String redact(String url) {
    int query = url.indexOf('?');
    return query < 0 ? url : url.substring(0, query) + "?...";
  }
}
