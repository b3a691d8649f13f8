package dev.aegis.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aegis.core.store.Store;
import dev.aegis.core.tenant.Tenant;
import dev.aegis.store.JdbcStores;
import dev.aegis.store.StoreConfig;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.SubmissionPublisher;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code close()} lets a request that is still streaming its body finish, then closes the store. */
class DrainIT {
  @TempDir Path dataDir;

  @Test
  void inFlightRequestCompletesWhileTheServerCloses() throws Exception {
    TestServer api = TestServer.start(dataDir, Map.of("server.drain_timeout", "30s"));
    ExecutorService executor = Executors.newFixedThreadPool(2);
    SubmissionPublisher<ByteBuffer> body = new SubmissionPublisher<>(executor, 4);
    try {
      CompletableFuture<Response> request = api.postStreamed("/api/v1/tenants", api.adminKey(), body);
      awaitTrue(() -> body.getNumberOfSubscribers() == 1);
      body.submit(utf8("{\"name\": \"dr"));
      awaitTrue(() -> api.server.requestsInFlight() == 1);

      CompletableFuture<Void> closing = CompletableFuture.runAsync(api::close, executor);
      awaitTrue(api.server::isDraining);
      assertThat(closing).isNotDone();
      assertThat(request).isNotDone();
      assertThatThrownBy(() -> api.get("/healthz", null))
          .as("new connections are refused while draining")
          .isInstanceOf(java.io.UncheckedIOException.class)
          .hasCauseInstanceOf(java.net.ConnectException.class);

      body.submit(utf8("ained\"}"));
      body.close(); // the end of the body

      Response response = request.get(30, TimeUnit.SECONDS);
      assertThat(response.status()).as(response.body()).isEqualTo(201);
      closing.get(30, TimeUnit.SECONDS);
    } finally {
      body.close();
      executor.shutdownNow();
    }

    try (Store store = JdbcStores.open(StoreConfig.sqlite(dataDir))) {
      assertThat(store.tenants().findByName("drained")).map(Tenant::name).contains("drained");
    }
  }

  private static ByteBuffer utf8(String text) {
    return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
  }

  private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within 20s");
      }
      Thread.sleep(5);
    }
  }
}
