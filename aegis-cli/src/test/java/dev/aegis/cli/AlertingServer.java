package dev.aegis.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.aegis.cli.Cli.Result;
import dev.aegis.server.AegisServer;
import dev.aegis.server.config.ConfigLoader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real server that may deliver webhooks to loopback, a receiver there that answers 204, and a fresh tenant per
 * test with an admin-and-operator key and an agent key, for the budgets, alerts and webhooks ITs.
 */
final class AlertingServer implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();
  private static final AtomicInteger NAMES = new AtomicInteger();

  private final AegisServer server;
  private final HttpServer receiver;
  private final Path workDir;

  /** One tenant: {@code admin} acts with its admin-and-operator key, {@code agentKey} sends runs. */
  record Tenant(String name, Cli admin, String adminKey, String agentKey) {}

  private AlertingServer(AegisServer server, HttpServer receiver, Path workDir) {
    this.server = server;
    this.receiver = receiver;
    this.workDir = workDir;
  }

  static AlertingServer start(Path dataDir, Path workDir) {
    AegisServer server =
        AegisServer.start(
            ConfigLoader.load(
                null,
                Map.of(),
                Map.of(
                    "server.port", "0",
                    "data.dir", dataDir.toString(),
                    "log.level", "warn",
                    "webhooks.allow_private_networks", "true")));
    try {
      HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      receiver.createContext("/", exchange -> {
        try (InputStream in = exchange.getRequestBody()) {
          in.readAllBytes();
        }
        exchange.sendResponseHeaders(204, -1);
        exchange.close();
      });
      receiver.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
      receiver.start();
      return new AlertingServer(server, receiver, workDir);
    } catch (IOException e) {
      server.close();
      throw new UncheckedIOException(e);
    }
  }

  /** A CLI acting with {@code key}, run where no admin.key is found. */
  Cli as(String key) {
    return new Cli(Map.of("AEGIS_URL", server.baseUri().toString(), "AEGIS_KEY", key), workDir);
  }

  Tenant newTenant() {
    String name = "t-" + NAMES.incrementAndGet();
    Cli system = as(server.adminKey());
    check(system.run("tenants", "create", name));
    String adminKey = secret(system.run(
        "keys", "create", "--tenant", name, "--name", "boss", "--role", "admin,operator", "-o", "json"));
    String agentKey = secret(system.run("keys", "create", "--tenant", name, "--name", "bot", "--role", "agent", "-o",
        "json"));
    return new Tenant(name, as(adminKey), adminKey, agentKey);
  }

  /** Sends {@code count} finished runs of a task type, each {@code durationMillis} long and using {@code tokens}. */
  void runs(Tenant tenant, String taskType, int count, long durationMillis, long tokens) {
    for (int i = 0; i < count; i++) {
      AgentTraffic.run(server.baseUri(), tenant.agentKey(), "run-" + NAMES.incrementAndGet(), taskType,
          durationMillis, tokens);
    }
  }

  String receiverUrl() {
    return "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks/aegis";
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
    receiver.stop(0);
    server.close();
  }
}
