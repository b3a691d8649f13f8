package dev.aegis.bench.support;

import dev.aegis.server.AegisServer;
import dev.aegis.server.config.ConfigLoader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Runs an Aegis server for a benchmark script: {@code AegisServerMain <ready file> [key=value ...]}, where the pairs
 * are configuration keys ({@code server.port=0}, {@code data.dir=...}, {@code database.url=...}) on top of the
 * {@code AEGIS_*} environment, as docs/configuration.md describes. Once it listens it writes the ready file
 * ({@code url=}, {@code pid=}); it stops on SIGTERM or SIGINT, draining requests first, as the server always does.
 */
public final class AegisServerMain {
  private AegisServerMain() {}

  public static void main(String[] args) throws IOException, InterruptedException {
    if (args.length < 1) {
      System.err.println("usage: AegisServerMain <ready file> [config.key=value ...]");
      System.exit(2);
    }
    Path ready = Path.of(args[0]);
    Map<String, String> flags = new LinkedHashMap<>();
    for (int i = 1; i < args.length; i++) {
      int eq = args[i].indexOf('=');
      if (eq <= 0) {
        System.err.println("not a key=value setting: " + args[i]);
        System.exit(2);
      }
      flags.put(args[i].substring(0, eq), args[i].substring(eq + 1));
    }
    AegisServer server = AegisServer.start(ConfigLoader.load(null, System.getenv(), flags));
    Runtime.getRuntime().addShutdownHook(new Thread(server::close));
    Path partial = ready.resolveSibling(ready.getFileName() + ".part");
    Files.writeString(partial, "url=" + server.baseUri() + "\npid=" + ProcessHandle.current().pid() + "\n",
        StandardCharsets.UTF_8);
    Files.move(partial, ready, StandardCopyOption.ATOMIC_MOVE);
    server.join();
  }
}
