package dev.aegis.server;

import dev.aegis.server.config.ConfigLoader;
import java.util.Map;

/**
 * Runs a server in a process of its own, for tests that kill it: {@code TestMain <data dir> <admin key>}. Prints
 * {@code AEGIS_PORT=<port>} once it listens.
 */
public final class TestMain {
  private TestMain() {}

  public static void main(String[] args) throws InterruptedException {
    AegisServer server = AegisServer.start(ConfigLoader.load(null, Map.of(), Map.of(
        "server.port", "0", "data.dir", args[0], "admin.key", args[1], "log.level", "warn")));
    System.out.println("AEGIS_PORT=" + server.port());
    System.out.flush();
    server.join();
  }
}
