package dev.aegis.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aegis.cli.Cli.Result;
import dev.aegis.server.AegisServer;
import dev.aegis.server.config.ConfigLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real server whose clock stands still at the instant it started (so that rate caps give exact waits, and times
 * relative to now still find what it stored), and a fresh tenant per test, for the policy and decision ITs.
 */
final class PolicyServer implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();
  /** The product brief's policy, verbatim. */
  static final String SAMPLE_JSON = """
      {
        "policy_id": "policy-agent-summarizer",
        "capabilities": ["read:documents", "write:summaries"],
        "connectors": {
          "s3": { "role": "read-only", "rate_limit_per_min": 120 },
          "db": { "role": "write-limited", "rate_limit_per_min": 30 }
        },
        "approval_thresholds": {
          "write:size_mb": 50,
          "write:external_domain": ["requires_approval"]
        }
      }
      """;
  private static final AtomicInteger NAMES = new AtomicInteger();

  private final AegisServer server;
  private final Path workDir;
  final Instant now;

  /**
   * One tenant: {@code admin} acts with its admin-and-operator key from {@code workDir}, where the test writes its
   * files; the other keys have one role each.
   */
  record Tenant(String name, Cli admin, String adminKey, String agentKey, String approverKey) {}

  private PolicyServer(AegisServer server, Path workDir, Instant now) {
    this.server = server;
    this.workDir = workDir;
    this.now = now;
  }

  static PolicyServer start(Path dataDir, Path workDir) {
    // whole milliseconds, never zero: the API writes .000 where the CLI's JSON would leave the fraction out
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusMillis(250);
    AegisServer server = AegisServer.start(
        ConfigLoader.load(null, Map.of(), Map.of("server.port", "0", "data.dir", dataDir.toString(),
            "log.level", "warn")),
        Clock.fixed(now, ZoneOffset.UTC));
    return new PolicyServer(server, workDir, now);
  }

  /** A CLI acting with {@code key}, run in the work directory (where no admin.key is). */
  Cli as(String key) {
    return new Cli(Map.of("AEGIS_URL", server.baseUri().toString(), "AEGIS_KEY", key, "LANG", "C.UTF-8"), workDir);
  }

  Tenant newTenant() {
    String name = "t-" + NAMES.incrementAndGet();
    Cli system = as(server.adminKey());
    check(system.run("tenants", "create", name));
    String admin = secret(system.run("keys", "create", "--tenant", name, "--name", "boss", "--role",
        "admin,operator", "-o", "json"));
    String agent = secret(system.run("keys", "create", "--tenant", name, "--name", "bot", "--role", "agent",
        "-o", "json"));
    String approver = secret(system.run("keys", "create", "--tenant", name, "--name", "approver", "--role",
        "approver", "-o", "json"));
    return new Tenant(name, as(admin), admin, agent, approver);
  }

  /** Writes a file into the work directory and returns its name, as a command line would give it. */
  String file(String name, String text) {
    try {
      Files.writeString(workDir.resolve(name), text);
      return name;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** What the API itself answers to a GET, to compare with what {@code -o json} prints. */
  JsonNode apiGet(String path, String key) {
    try (HttpClient http = HttpClient.newHttpClient()) {
      HttpResponse<String> response = http.send(
          HttpRequest.newBuilder(server.baseUri().resolve(path)).header("Authorization", "Bearer " + key).build(),
          HttpResponse.BodyHandlers.ofString());
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static JsonNode json(Result result) {
    try {
      return JSON.readTree(result.out());
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + result, e);
    }
  }

  static Result check(Result result) {
    if (result.exitCode() != 0) {
      throw new AssertionError(result.toString());
    }
    return result;
  }

  private static String secret(Result created) {
    return json(check(created)).get("secret").asText();
  }

  @Override
  public void close() {
    server.close();
  }
}
