package dev.aegis.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aegis.store.TestPostgres;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two servers on one PostgreSQL: policy changes spread between them, and shared rate caps hold across both. */
class PostgresSharedPolicyIT {
  @TempDir Path dirA;
  @TempDir Path dirB;
  MutableClock clock = new MutableClock(Instant.parse("2026-11-25T12:00:00.000Z"));
  TestServer a;
  TestServer b;
  String admin;
  String agent;

  @BeforeEach
  void start() {
    Map<String, String> settings = Map.of(
        "database.url", TestPostgres.freshDatabaseUrl(),
        "database.user", "postgres",
        "database.password", "postgres",
        "policy.shared_rate_caps", "true",
        "policy.refresh_interval", "100ms");
    a = TestServer.start(dirA, settings, clock);
    b = TestServer.start(dirB, settings, clock);
    a.createTenant("acme");
    admin = a.createKey("acme", "admin", "admin").path("secret").asText();
    agent = a.createKey("acme", "agent", "agent").path("secret").asText();
  }

  @AfterEach
  void stop() {
    a.close();
    b.close();
  }

  @Test
  void aPolicyAppliedOnOneServerDecidesOnTheOther() {
    String call = "{\"agent_id\": \"s\", \"action\": \"write:summaries\", \"connector\": \"db\"}";
    assertThat(b.post("/api/v1/decisions", agent, call).json().path("outcome").asText()).isEqualTo("deny");
    a.put("/api/v1/policies/" + PolicyContract.SAMPLE_ID, admin, PolicyContract.SAMPLE_JSON).assertStatus(201);
    Await.until(() -> b.post("/api/v1/decisions", agent, call).json().path("outcome").asText(),
        "allow"::equals, Duration.ofSeconds(10));
  }

  @Test
  void bothServersTogetherAllowExactlyTheCap() throws Exception {
    a.put("/api/v1/policies/" + PolicyContract.SAMPLE_ID, admin, PolicyContract.SAMPLE_JSON).assertStatus(201);
    Await.until(() -> b.post("/api/v1/decisions", agent,
        "{\"agent_id\": \"warm-up\", \"action\": \"read:documents\", \"connector\": \"s3\"}")
        .json().path("outcome").asText(), "allow"::equals, Duration.ofSeconds(10));
    String call = "{\"agent_id\": \"s\", \"action\": \"write:summaries\", \"connector\": \"db\"}";
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<String>> answers = new ArrayList<>();
      for (int i = 0; i < 80; i++) {
        TestServer server = i % 2 == 0 ? a : b;
        answers.add(pool.submit(() -> server.post("/api/v1/decisions", agent, call).json().path("outcome").asText()));
      }
      long allowed = 0;
      long limited = 0;
      for (Future<String> answer : answers) {
        String outcome = answer.get();
        allowed += outcome.equals("allow") ? 1 : 0;
        limited += outcome.equals("rate_limited") ? 1 : 0;
      }
      // the clock stands still: no refill, so the cap of 30 a minute is exactly what both servers may grant
      assertThat(allowed).isEqualTo(30);
      assertThat(limited).isEqualTo(50);
    } finally {
      pool.shutdownNow();
    }
  }
}
