package dev.aegis.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /metrics} serves Prometheus text with request timers by route template, and JVM and process metrics. */
class MetricsIT {
  @TempDir Path dataDir;

  @Test
  void requestTimersAreTaggedByRouteTemplateNotRawPath() {
    try (TestServer api = TestServer.start(dataDir, Map.of())) {
      String tenantId = api.createTenant("acme");
      api.get("/api/v1/tenants/" + tenantId, api.adminKey());
      api.get("/api/v1/tenants/acme", null);
      api.get("/no/such/route", null);

      Response metrics = api.get("/metrics", null);

      assertThat(metrics.status()).isEqualTo(200);
      assertThat(metrics.header("Content-Type")).startsWith("text/plain");
      assertThat(metrics.body())
          .contains("http_server_requests_seconds_count{method=\"GET\",route=\"/api/v1/tenants/{tenant}\",status=\"200\"} 1")
          .contains("http_server_requests_seconds_count{method=\"GET\",route=\"/api/v1/tenants/{tenant}\",status=\"401\"} 1")
          .contains("http_server_requests_seconds_count{method=\"POST\",route=\"/api/v1/tenants\",status=\"201\"} 1")
          .contains("route=\"UNMATCHED\",status=\"404\"")
          .doesNotContain(tenantId)
          .doesNotContain("/no/such/route")
          .contains("jvm_memory_used_bytes")
          .contains("jvm_threads_live_threads")
          .contains("process_uptime_seconds");
    }
  }
}
