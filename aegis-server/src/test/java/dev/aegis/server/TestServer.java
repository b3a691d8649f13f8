package dev.aegis.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aegis.server.config.ConfigLoader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/** A real server on a free port with a temporary data directory, and a JDK HttpClient to talk to it. */
final class TestServer implements AutoCloseable {
  final AegisServer server;
  final Path dataDir;
  private final HttpClient http = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(10))
      .build();

  private TestServer(AegisServer server, Path dataDir) {
    this.server = server;
    this.dataDir = dataDir;
  }

  /** Starts a server; {@code settings} are dotted keys on top of port 0 and the data directory. */
  static TestServer start(Path dataDir, Map<String, String> settings, Clock clock) {
    Map<String, String> flags = new HashMap<>();
    flags.put("server.port", "0");
    flags.put("data.dir", dataDir.toString());
    flags.put("server.drain_timeout", "20s");
    flags.putAll(settings);
    return new TestServer(AegisServer.start(ConfigLoader.load(null, Map.of(), flags), clock), dataDir);
  }

  static TestServer start(Path dataDir, Map<String, String> settings) {
    return start(dataDir, settings, Clock.systemUTC());
  }

  String adminKey() {
    return server.adminKey();
  }

  Response get(String path, String key) {
    return send(request(path, key).GET());
  }

  Response delete(String path, String key) {
    return send(request(path, key).DELETE());
  }

  Response post(String path, String key, String json) {
    return send(request(path, key)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  Response put(String path, String key, String json) {
    return send(request(path, key)
        .header("Content-Type", "application/json")
        .PUT(HttpRequest.BodyPublishers.ofString(json)));
  }

  /** Posts a body of unknown length, which the client sends chunked. */
  Response postChunked(String path, String key, Supplier<InputStream> body) {
    return send(request(path, key)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofInputStream(body)));
  }

  /** Posts a body that arrives as the publisher releases it; the answer completes when the server has answered. */
  java.util.concurrent.CompletableFuture<Response> postStreamed(
      String path, String key, java.util.concurrent.Flow.Publisher<java.nio.ByteBuffer> body) {
    HttpRequest request = request(path, key)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.fromPublisher(body))
        .build();
    return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
        .thenApply(response -> new Response(response.statusCode(), response.headers(), response.body()));
  }

  HttpRequest.Builder request(String path, String key) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(server.baseUri() + path))
        .timeout(Duration.ofSeconds(30));
    if (key != null) {
      builder.header("Authorization", "Bearer " + key);
    }
    return builder;
  }

  Response send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Response(response.statusCode(), response.headers(), response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Creates a tenant as the system admin and returns its id. */
  String createTenant(String name) {
    Response created = post("/api/v1/tenants", adminKey(), "{\"name\": \"" + name + "\"}");
    if (created.status() != 201) {
      throw new AssertionError("could not create tenant " + name + ": " + created.body());
    }
    return created.json().path("id").asText();
  }

  /** Creates a key as the system admin and returns the whole answer, secret included. */
  JsonNode createKey(String tenant, String name, String... roles) {
    String roleList = String.join(", ", java.util.Arrays.stream(roles).map(r -> "\"" + r + "\"").toList());
    Response created = post("/api/v1/tenants/" + tenant + "/keys", adminKey(),
        "{\"name\": \"" + name + "\", \"roles\": [" + roleList + "]}");
    if (created.status() != 201) {
      throw new AssertionError("could not create key " + name + ": " + created.body());
    }
    return created.json();
  }

  @Override
  public void close() {
    server.close();
  }
}
