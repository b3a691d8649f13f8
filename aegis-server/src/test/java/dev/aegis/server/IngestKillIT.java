package dev.aegis.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aegis.core.store.Store;
import dev.aegis.core.telemetry.TelemetryStore;
import dev.aegis.store.JdbcStores;
import dev.aegis.store.StoreConfig;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nothing acknowledged is lost: a server in its own process takes exports from several threads, is killed with
 * SIGKILL mid-stream, and after a restart every span whose export got a 200 is in the store.
 */
class IngestKillIT {
  private static final String ADMIN_KEY = "kill-test-admin-key-0123456789";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dataDir;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @Test
  void everySpanAcknowledgedBeforeAKillIsThereAfterTheRestart() throws Exception {
    Process server = startServer();
    int port = portOf(server);
    String base = "http://127.0.0.1:" + port;
    String tenantId = post(base + "/api/v1/tenants", ADMIN_KEY, "{\"name\": \"acme\"}").path("id").asText();
    String key = post(base + "/api/v1/tenants/acme/keys", ADMIN_KEY,
        "{\"name\": \"agent\", \"roles\": [\"agent\"]}").path("secret").asText();

    Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    AtomicInteger okRequests = new AtomicInteger();
    AtomicBoolean stop = new AtomicBoolean();
    int threads = 6;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<?>> senders = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      String runId = "run-" + t;
      senders.add(pool.submit(() -> {
        while (!stop.get()) {
          List<String> ids = new ArrayList<>();
          ExportTraceServiceRequest request = batch(runId, 50, ids);
          try {
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(base + "/v1/traces"))
                .header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/x-protobuf")
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofByteArray(request.toByteArray()))
                .build(), HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() == 200) {
              acknowledged.addAll(ids);
              okRequests.incrementAndGet();
            }
          } catch (IOException e) {
            return null; // the server is gone
          }
        }
        return null;
      }));
    }
    waitUntil(() -> okRequests.get() >= 40);
    server.destroyForcibly(); // SIGKILL: no shutdown hook, no drain, no close
    assertThat(server.waitFor(30, TimeUnit.SECONDS)).isTrue();
    stop.set(true);
    for (Future<?> f : senders) {
      f.get(30, TimeUnit.SECONDS);
    }
    pool.shutdown();
    assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(40 * 50);

    Process restarted = startServer();
    portOf(restarted); // it starts on the same data directory
    restarted.destroy();
    assertThat(restarted.waitFor(30, TimeUnit.SECONDS)).isTrue();

    try (Store store = JdbcStores.open(StoreConfig.sqlite(dataDir))) {
      TelemetryStore telemetry = store.telemetry();
      long stored = 0;
      for (int t = 0; t < threads; t++) {
        stored += telemetry.spansOfRun(tenantId, "run-" + t, TelemetryStore.MAX_LIST).stream()
            .filter(s -> acknowledged.contains(s.traceId() + "/" + s.spanId()))
            .count();
      }
      assertThat(stored).as("acknowledged spans found after the kill").isEqualTo(acknowledged.size());
    }
  }

  private Process startServer() throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-Xmx512m",
        "-cp", System.getProperty("java.class.path"), TestMain.class.getName(), dataDir.toString(), ADMIN_KEY)
        .redirectErrorStream(true)
        .start();
  }

  private static int portOf(Process process) throws IOException {
    BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    String line;
    while ((line = out.readLine()) != null) {
      if (line.startsWith("AEGIS_PORT=")) {
        int port = Integer.parseInt(line.substring("AEGIS_PORT=".length()).strip());
        Thread.ofPlatform().daemon(true).start(() -> drain(out)); // keep the pipe from filling up
        return port;
      }
    }
    throw new AssertionError("the server process ended before it listened");
  }

  private static void drain(BufferedReader out) {
    try {
      while (out.readLine() != null) {
        // discard
      }
    } catch (IOException ignored) {
      // the process is gone
    }
  }

  private JsonNode post(String url, String key, String json) throws Exception {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
        .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    return JSON.readTree(response.body());
  }

  private static ExportTraceServiceRequest batch(String runId, int spans, List<String> ids) {
    String trace = Otlp.hex(16);
    ScopeSpans.Builder scope = ScopeSpans.newBuilder();
    for (int i = 0; i < spans; i++) {
      var span = Otlp.span(trace, "step").addAttributes(Otlp.attr("run.id", runId)).build();
      ids.add(trace + "/" + HexFormat.of().formatHex(span.getSpanId().toByteArray()));
      scope.addSpans(span);
    }
    return ExportTraceServiceRequest.newBuilder()
        .addResourceSpans(ResourceSpans.newBuilder().addScopeSpans(scope)).build();
  }

  private static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
    for (int i = 0; i < 1200 && !condition.getAsBoolean(); i++) {
      Thread.sleep(25);
    }
    assertThat(condition.getAsBoolean()).as("reached within 30 s").isTrue();
  }
}
