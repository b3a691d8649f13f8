package dev.aegis.cli;

import dev.aegis.server.AegisServer;
import dev.aegis.server.config.ConfigLoader;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;

/** A real Aegis server in this JVM on a free port, its data under {@code <workDir>/aegis-data}, for ITs. */
public final class TestServer implements AutoCloseable {
  private final AegisServer server;

  private TestServer(AegisServer server) {
    this.server = server;
  }

  /** Keeps its data where {@code ./aegis server} would, seen from {@code workDir}. */
  public static TestServer start(Path workDir) {
    Path dataDir = workDir.resolve("aegis-data");
    return new TestServer(
        AegisServer.start(
            ConfigLoader.load(
                null,
                Map.of(),
                Map.of("server.port", "0", "data.dir", dataDir.toString(), "log.level", "warn"))));
  }

  public URI url() {
    return server.baseUri();
  }

  public String adminKey() {
    return server.adminKey();
  }

  @Override
  public void close() {
    server.close();
  }
}
