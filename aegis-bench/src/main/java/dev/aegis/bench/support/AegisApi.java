package dev.aegis.bench.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/** The few admin calls a load driver needs before it starts: a tenant of its own and an agent key for it. */
public final class AegisApi {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI base;
  private final String adminKey;
  private final HttpClient http = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(10))
      .build();

  /** {@code base} is the server's root, such as {@code http://127.0.0.1:4318}. */
  public AegisApi(URI base, String adminKey) {
    this.base = base;
    this.adminKey = adminKey;
  }

  /** The server root of a URL on it (scheme, host and port). */
  public static URI rootOf(URI url) {
    return URI.create(url.getScheme() + "://" + url.getRawAuthority());
  }

  /** Creates a tenant with a fresh name and an agent key in it, and returns the key's secret. */
  public String newTenantAgentKey(String namePrefix) {
    String name = namePrefix + "-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
    String tenant = post("/api/v1/tenants", "{\"name\": \"" + name + "\"}").path("id").asText();
    return post("/api/v1/tenants/" + tenant + "/keys", "{\"name\": \"load\", \"roles\": [\"agent\", \"operator\"]}")
        .path("secret").asText();
  }

  /** Creates a tenant with a fresh name and a key with these roles in it, and returns the key's secret. */
  public String newTenantKey(String namePrefix, String... roles) {
    String name = namePrefix + "-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
    String tenant = post("/api/v1/tenants", "{\"name\": \"" + name + "\"}").path("id").asText();
    String roleList = String.join(", ", java.util.Arrays.stream(roles).map(r -> "\"" + r + "\"").toList());
    return post("/api/v1/tenants/" + tenant + "/keys", "{\"name\": \"load\", \"roles\": [" + roleList + "]}")
        .path("secret").asText();
  }

  private JsonNode post(String path, String body) {
    HttpRequest request = HttpRequest.newBuilder(base.resolve(path))
        .timeout(Duration.ofSeconds(30))
        .header("Authorization", "Bearer " + adminKey)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() / 100 != 2) {
        throw new IllegalStateException("POST " + path + " answered " + response.statusCode() + ": " + response.body());
      }
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new IllegalStateException("POST " + base.resolve(path) + " failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
