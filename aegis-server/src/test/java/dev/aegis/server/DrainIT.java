package dev.aegis.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aegis.core.store.Store;
import dev.aegis.core.tenant.Tenant;
import dev.aegis.store.JdbcStores;
import dev.aegis.store.StoreConfig;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
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
    PipedOutputStream bodyWriter = new PipedOutputStream();
    PipedInputStream body = new PipedInputStream(bodyWriter);

    CompletableFuture<Response> request =
        CompletableFuture.supplyAsync(() -> api.postChunked("/api/v1/tenants", api.adminKey(), () -> body));
    bodyWriter.write("{\"name\": \"dr".getBytes(StandardCharsets.UTF_8));
    bodyWriter.flush();
    awaitTrue(() -> api.server.requestsInFlight() == 1);

    CompletableFuture<Void> closing = CompletableFuture.runAsync(api::close);
    awaitTrue(api.server::isStopping);
    assertThat(closing).isNotDone();

    bodyWriter.write("ained\"}".getBytes(StandardCharsets.UTF_8));
    bodyWriter.close();

    Response response = request.get(30, TimeUnit.SECONDS);
    assertThat(response.status()).as(response.body()).isEqualTo(201);
    closing.get(30, TimeUnit.SECONDS);

    try (Store store = JdbcStores.open(StoreConfig.sqlite(dataDir))) {
      assertThat(store.tenants().findByName("drained")).map(Tenant::name).contains("drained");
    }
  }

  private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within 20s");
      }
      Thread.sleep(10);
    }
  }
}
