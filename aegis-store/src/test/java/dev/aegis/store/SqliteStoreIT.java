package dev.aegis.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import org.junit.jupiter.api.Test;

class SqliteStoreIT extends StoreContract {
  @Override
  protected StoreConfig config() {
    return StoreConfig.sqlite(dataDir);
  }

  @Override
  protected StoreConfig reopenConfig() {
    return StoreConfig.sqlite(dataDir);
  }

  @Test
  void keepsItsFileInTheDataDirectoryInWalMode() {
    assertThat(Files.exists(dataDir.resolve(JdbcStores.SQLITE_FILE))).isTrue();
    assertThat(Files.exists(dataDir.resolve(JdbcStores.SQLITE_FILE + "-wal"))).isTrue();
  }
}
