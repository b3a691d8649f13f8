package dev.aegis.store;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Where and how to open the store.
 *
 * @param dataDir the data directory; the SQLite file {@code aegis.db} lives here when {@code url} is null
 * @param url a {@code jdbc:postgresql:} or {@code jdbc:sqlite:} URL, or null for SQLite in the data directory
 * @param user database user, or null
 * @param password database password, or null
 * @param poolSize the most connections to hold open
 * @param busyTimeout how long SQLite waits for a lock before it gives up
 */
public record StoreConfig(
    Path dataDir, String url, String user, String password, int poolSize, Duration busyTimeout) {
  public static final int DEFAULT_POOL_SIZE = 10;
  public static final Duration DEFAULT_BUSY_TIMEOUT = Duration.ofSeconds(5);

  public static StoreConfig sqlite(Path dataDir) {
    return new StoreConfig(dataDir, null, null, null, DEFAULT_POOL_SIZE, DEFAULT_BUSY_TIMEOUT);
  }

  /** Password never printed. */
  @Override
  public String toString() {
    return "StoreConfig[dataDir=" + dataDir + ", url=" + url + ", user=" + user + ", poolSize=" + poolSize + "]";
  }
}
