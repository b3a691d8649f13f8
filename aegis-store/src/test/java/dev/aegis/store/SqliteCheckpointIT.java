package dev.aegis.store;

import static dev.aegis.store.TelemetryFixtures.span;
import static dev.aegis.store.TelemetryFixtures.traceId;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aegis.core.store.Store;
import dev.aegis.core.telemetry.SpanBatch;
import dev.aegis.core.telemetry.SpanRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteCheckpointIT {
  @TempDir Path dataDir;

  @Test
  void committedSpansReachTheDatabaseFileWithoutWaitingForTheWalToFill() throws Exception {
    Path file = dataDir.resolve(JdbcStores.SQLITE_FILE);
    try (Store store = JdbcStores.open(StoreConfig.sqlite(dataDir))) {
      long before = Files.size(file);
      String trace = traceId();
      List<SpanRecord> records = new ArrayList<>();
      for (int i = 0; i < 2_000; i++) {
        records.add(span("ten_acme", "run-" + (i % 4), trace).attribute("note", "x".repeat(200)).build());
      }
      // a few MiB of WAL: far below the connections' own automatic checkpoint
      assertThat(store.telemetry().write(List.of(new SpanBatch("ten_acme", records)))).isEqualTo(2_000);

      assertThat(waitForGrowth(file, before)).as("the database file grew from %d bytes", before).isTrue();
      assertThat(store.telemetry().spanCountOfTrace("ten_acme", trace)).isEqualTo(2_000);
    }
  }

  private static boolean waitForGrowth(Path file, long size) throws IOException, InterruptedException {
    for (int i = 0; i < 300; i++) {
      if (Files.size(file) > size + 1_000_000) {
        return true;
      }
      Thread.sleep(50);
    }
    return false;
  }
}
