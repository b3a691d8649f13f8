package dev.aegis.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aegis.core.page.PageRequest;
import dev.aegis.core.telemetry.Run;
import dev.aegis.core.telemetry.RunFilter;
import dev.aegis.core.telemetry.TelemetryStore;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.Span;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Many exporters at once, a full queue and a failing store: what got a 200 is stored exactly once, nothing else. */
class IngestLoadIT {
  @TempDir Path dataDir;

  @Test
  void manyConcurrentExportersAndTheirRetriesAreEachStoredExactlyOnce() throws Exception {
    try (TestServer api = TestServer.start(dataDir, Map.of())) {
      String tenantId = api.createTenant("acme");
      String key = api.createKey("acme", "agent", "agent").path("secret").asText();
      int exporters = 12;
      int requestsEach = 25;
      int spansPerRequest = 20;
      ExecutorService pool = Executors.newFixedThreadPool(exporters);
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Integer>> acknowledged = new ArrayList<>();
      for (int e = 0; e < exporters; e++) {
        String runId = "run-" + e;
        acknowledged.add(pool.submit(() -> {
          start.await();
          int spans = 0;
          for (int r = 0; r < requestsEach; r++) {
            ExportTraceServiceRequest request = batch(runId, spansPerRequest);
            Otlp.exportProtobuf(api, key, request);
            if (r % 5 == 0) {
              Otlp.exportProtobuf(api, key, request); // an exporter's retry of a request that did arrive
            }
            spans += spansPerRequest;
          }
          return spans;
        }));
      }
      start.countDown();
      int total = 0;
      for (Future<Integer> f : acknowledged) {
        total += f.get();
      }
      pool.shutdown();

      TelemetryStore telemetry = api.server.store().telemetry();
      List<Run> runs = telemetry.runs(tenantId, RunFilter.ALL, PageRequest.first(100)).items();
      assertThat(runs).hasSize(exporters);
      assertThat(runs).allSatisfy(run -> {
        assertThat(run.spanCount()).isEqualTo((long) requestsEach * spansPerRequest);
        assertThat(telemetry.spansOfRun(tenantId, run.runId(), 10_000)).hasSize(requestsEach * spansPerRequest);
      });
      assertThat(runs.stream().mapToLong(Run::spanCount).sum()).isEqualTo(total);
    }
  }

  @Test
  void aFullQueueAnswers503WithRetryAfterAndStoresNothingOfThoseRequests() throws Exception {
    Map<String, String> settings = Map.of("ingest.queue_max_spans", "100", "database.busy_timeout", "60s");
    try (TestServer api = TestServer.start(dataDir, settings)) {
      String tenantId = api.createTenant("acme");
      String key = api.createKey("acme", "agent", "agent").path("secret").asText();
      Map<String, Integer> outcomes = new ConcurrentHashMap<>();
      Map<String, Integer> statusByRun = new ConcurrentHashMap<>();
      AtomicInteger retryAfterMissing = new AtomicInteger();
      int senders = 16;
      ExecutorService pool = Executors.newFixedThreadPool(senders);
      List<Future<?>> sent = new ArrayList<>();
      Otlp.exportProtobuf(api, key, batch("run-warm-up", 1)); // records the key's last use, a write, beforehand
      // the writer stalls on the database lock while the requests pile up in its queue
      try (Connection blocker = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("aegis.db"));
           Statement lock = blocker.createStatement()) {
        lock.execute("BEGIN IMMEDIATE");
        for (int i = 0; i < senders; i++) {
          String runId = "run-" + i;
          sent.add(pool.submit(() -> {
            Response response = Otlp.postProtobuf(api, key, batch(runId, 25));
            outcomes.merge(Integer.toString(response.status()), 1, Integer::sum);
            statusByRun.put(runId, response.status());
            if (response.status() == 503) {
              response.assertProblem(503, "unavailable", "ingest queue is full");
              if (!"1".equals(response.header("Retry-After"))) {
                retryAfterMissing.incrementAndGet();
              }
            }
          }));
        }
        waitFor(() -> outcomes.getOrDefault("503", 0) == senders - 4);
        assertThat(api.server.telemetry().queuedSpans()).isEqualTo(100);
        lock.execute("ROLLBACK");
      }
      for (Future<?> f : sent) {
        f.get();
      }
      pool.shutdown();

      assertThat(outcomes).containsOnlyKeys("200", "503");
      assertThat(outcomes.get("200")).isEqualTo(4);
      assertThat(retryAfterMissing).hasValue(0);
      TelemetryStore telemetry = api.server.store().telemetry();
      statusByRun.forEach((runId, status) -> {
        if (status == 200) {
          assertThat(telemetry.run(tenantId, runId).orElseThrow().spanCount()).isEqualTo(25);
        } else {
          assertThat(telemetry.run(tenantId, runId)).as("refused %s", runId).isEmpty();
        }
      });
      assertThat(api.get("/metrics", null).body())
          .contains("aegis_ingest_requests_refused_total{reason=\"queue_full\"} 12.0")
          .contains("aegis_ingest_spans_total{outcome=\"dropped\"} 300.0");
    }
  }

  @Test
  void aStoreThatCannotWriteAnswers503AndAcknowledgesNothing() throws Exception {
    try (TestServer api = TestServer.start(dataDir, Map.of("database.busy_timeout", "300ms"))) {
      String tenantId = api.createTenant("acme");
      String key = api.createKey("acme", "agent", "agent").path("secret").asText();
      ExportTraceServiceRequest request = batch("run-locked", 10);
      try (Connection blocker = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("aegis.db"));
           Statement lock = blocker.createStatement()) {
        lock.execute("BEGIN IMMEDIATE");
        Response refused = Otlp.postProtobuf(api, key, request);
        refused.assertProblem(503, "unavailable", "could not be stored");
        assertThat(refused.header("Retry-After")).isEqualTo("5");
        lock.execute("ROLLBACK");
      }
      assertThat(api.server.store().telemetry().run(tenantId, "run-locked")).isEmpty();

      Otlp.exportProtobuf(api, key, request); // the exporter's retry
      assertThat(api.server.store().telemetry().run(tenantId, "run-locked").orElseThrow().spanCount()).isEqualTo(10);
    }
  }

  static ExportTraceServiceRequest batch(String runId, int spans) {
    String trace = Otlp.hex(16);
    List<Span> out = new ArrayList<>(spans);
    for (int i = 0; i < spans; i++) {
      out.add(Otlp.span(trace, "step " + i)
          .addAttributes(Otlp.attr("run.id", runId))
          .addAttributes(Otlp.attr("gen_ai.operation.name", "chat"))
          .addAttributes(Otlp.attr("gen_ai.request.model", "gpt-4o"))
          .addAttributes(Otlp.attr("gen_ai.usage.input_tokens", 100))
          .build());
    }
    return Otlp.request(out, Otlp.attr("service.name", "load"));
  }

  private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
    for (int i = 0; i < 600 && !condition.getAsBoolean(); i++) {
      Thread.sleep(50);
    }
    assertThat(condition.getAsBoolean()).as("condition reached within 30 s").isTrue();
  }

}
