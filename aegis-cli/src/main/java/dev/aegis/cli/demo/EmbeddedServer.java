package dev.aegis.cli.demo;

import dev.aegis.server.AegisServer;
import dev.aegis.server.config.ConfigLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;

/**
 * An Aegis server inside this process, on a free port and a fresh temporary data directory; closing it stops the
 * server and deletes the directory, also when the process is interrupted.
 */
final class EmbeddedServer implements AutoCloseable {
  private final Path dataDir;
  private final AegisServer server;
  private final Thread cleanupOnExit;
  private boolean closed;

  private EmbeddedServer(Path dataDir, AegisServer server) {
    this.dataDir = dataDir;
    this.server = server;
    this.cleanupOnExit = new Thread(this::stop, "aegis-demo-cleanup");
    Runtime.getRuntime().addShutdownHook(cleanupOnExit);
  }

  /** Starts one; throws {@link dev.aegis.server.config.ConfigException} or the server's own failure. */
  static EmbeddedServer start() {
    Path dataDir;
    try {
      dataDir = Files.createTempDirectory("aegis-demo-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot make a temporary data directory", e);
    }
    try {
      // No environment: the demo must not pick up AEGIS_* settings meant for a real server. Warnings only, so
      // that the server's log does not interleave with the narration.
      AegisServer server =
          AegisServer.start(
              ConfigLoader.load(
                  null,
                  Map.of(),
                  Map.of("server.port", "0", "data.dir", dataDir.toString(), "log.level", "warn")));
      return new EmbeddedServer(dataDir, server);
    } catch (RuntimeException e) {
      deleteTree(dataDir);
      throw e;
    }
  }

  AegisServer server() {
    return server;
  }

  Path dataDir() {
    return dataDir;
  }

  @Override
  public void close() {
    stop();
    try {
      Runtime.getRuntime().removeShutdownHook(cleanupOnExit);
    } catch (IllegalStateException e) {
      // Already shutting down: the hook is running or has run.
    }
  }

  private synchronized void stop() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      server.close();
    } finally {
      deleteTree(dataDir);
    }
  }

  static void deleteTree(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try {
      Files.walkFileTree(
          root,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
              Files.delete(file);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
              if (e != null) {
                throw e;
              }
              Files.delete(dir);
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete the demo's data directory " + root, e);
    }
  }
}
