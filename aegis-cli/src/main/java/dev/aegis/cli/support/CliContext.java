package dev.aegis.cli.support;

import dev.aegis.client.AegisClient;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What a command runs with: where it prints, the environment, the working directory and the global options. Tests
 * make one with their own writers and environment; {@code Main} makes one from the process.
 */
public final class CliContext implements AutoCloseable {
  public static final String DEFAULT_URL = "http://127.0.0.1:4318";
  /** Where {@code ./aegis server} writes the generated admin key when run from this directory with defaults. */
  public static final Path DEFAULT_ADMIN_KEY_FILE = Path.of("aegis-data", "admin.key");

  private final PrintWriter out;
  private final PrintWriter err;
  private final Map<String, String> env;
  private final Path workDir;
  private final GlobalOptions options = new GlobalOptions();
  private ApiKeySource keySource;
  private AegisClient client;

  public CliContext(PrintWriter out, PrintWriter err, Map<String, String> env, Path workDir) {
    this.out = out;
    this.err = err;
    this.env = Map.copyOf(env);
    this.workDir = workDir;
  }

  /** Where the key a command acts with came from; {@code secret} is null when there is none. */
  public record ApiKeySource(String secret, String origin) {
    public boolean present() {
      return secret != null;
    }

    @Override
    public String toString() {
      return "ApiKeySource[origin=" + origin + "]";
    }
  }

  public PrintWriter out() {
    return out;
  }

  public PrintWriter err() {
    return err;
  }

  public Map<String, String> env() {
    return env;
  }

  public Path workDir() {
    return workDir;
  }

  public GlobalOptions options() {
    return options;
  }

  public OutputFormat output() {
    return options.output();
  }

  /** The terminal width to fit tables to: {@code COLUMNS} when it is set and sane, else 80. */
  public int width() {
    try {
      int columns = Integer.parseInt(env.getOrDefault("COLUMNS", "80").trim());
      return columns >= 40 ? columns : 80;
    } catch (NumberFormatException e) {
      return 80;
    }
  }

  public void print(List<String> lines) {
    lines.forEach(out::println);
    out.flush();
  }

  /** The server to talk to: {@code --url}, else {@code AEGIS_URL}, else the local default. */
  public URI url() {
    String given = options.url();
    String origin = "--url";
    if (given == null) {
      given = env.get("AEGIS_URL");
      origin = "AEGIS_URL";
    }
    if (given == null || given.isBlank()) {
      return URI.create(DEFAULT_URL);
    }
    try {
      URI uri = URI.create(given.trim());
      AegisClient.builder().baseUrl(uri);
      return uri;
    } catch (IllegalArgumentException e) {
      throw new UsageException(origin + " must look like http://127.0.0.1:4318, was '" + given + "'");
    }
  }

  /**
   * The key to act with: {@code --key}, else {@code AEGIS_KEY}, else the admin key file a local {@code ./aegis
   * server} wrote in this directory (announced on stderr, since it acts as the system admin).
   */
  public ApiKeySource apiKey() {
    if (keySource == null) {
      keySource = resolveKey();
    }
    return keySource;
  }

  private ApiKeySource resolveKey() {
    if (options.key() != null && !options.key().isBlank()) {
      return new ApiKeySource(options.key().trim(), "--key");
    }
    String fromEnv = env.get("AEGIS_KEY");
    if (fromEnv != null && !fromEnv.isBlank()) {
      return new ApiKeySource(fromEnv.trim(), "AEGIS_KEY");
    }
    Path file = workDir.resolve(DEFAULT_ADMIN_KEY_FILE);
    if (Files.isRegularFile(file)) {
      try {
        String secret = Files.readString(file, StandardCharsets.UTF_8).trim();
        if (!secret.isEmpty()) {
          String shown = "./" + DEFAULT_ADMIN_KEY_FILE.toString().replace('\\', '/');
          err.println("aegis: acting as the system admin, with the key in " + shown);
          err.flush();
          return new ApiKeySource(secret, shown);
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + file, e);
      }
    }
    return new ApiKeySource(null, "none");
  }

  /** A client for {@link #url()} acting with {@link #apiKey()}; made once, closed with this context. */
  public AegisClient client() {
    if (client == null) {
      URI url = url();
      ApiKeySource key = apiKey();
      try {
        client = newClient(url, key.secret());
      } catch (IllegalArgumentException e) {
        throw new UsageException(key.origin() + ": " + e.getMessage());
      }
    }
    return client;
  }

  /** A new client for any server and key, with this tool's User-Agent; the caller closes it. */
  public static AegisClient newClient(URI url, String key) {
    return AegisClient.builder()
        .baseUrl(url)
        .apiKey(key)
        .userAgentPrefix("aegis-cli/" + CliVersion.value())
        .build();
  }

  @Override
  public void close() {
    if (client != null) {
      client.close();
      client = null;
    }
    out.flush();
    err.flush();
  }
}
