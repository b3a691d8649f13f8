package dev.aegis.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LastUsedTest {
  private static final Instant T0 = Instant.parse("2026-11-24T12:00:00Z");

  @Test
  void writesAtMostOnceAMinutePerKey() {
    LastUsed lastUsed = new LastUsed();

    assertThat(lastUsed.claim("key_a", null, T0)).isTrue();
    assertThat(lastUsed.claim("key_a", null, T0.plusSeconds(59))).isFalse();
    assertThat(lastUsed.claim("key_b", null, T0.plusSeconds(59))).isTrue();
    assertThat(lastUsed.claim("key_a", T0, T0.plusSeconds(60))).isTrue();
  }

  @Test
  void storedTimeRulesAfterARestart() {
    LastUsed fresh = new LastUsed();

    assertThat(fresh.claim("key_a", T0, T0.plusSeconds(30))).isFalse();
    assertThat(fresh.claim("key_a", T0, T0.plusSeconds(61))).isTrue();
  }

  @Test
  void exactlyOneOfManyRacingRequestsWrites() throws InterruptedException {
    for (int round = 0; round < 50; round++) {
      LastUsed lastUsed = new LastUsed();
      ConcurrentLinkedQueue<Boolean> claims = new ConcurrentLinkedQueue<>();
      CountDownLatch go = new CountDownLatch(1);
      ExecutorService threads = Executors.newFixedThreadPool(8);
      for (int i = 0; i < 8; i++) {
        threads.submit(() -> {
          go.await();
          claims.add(lastUsed.claim("key_a", null, T0));
          return null;
        });
      }
      go.countDown();
      threads.shutdown();
      assertThat(threads.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
      assertThat(claims).hasSize(8).containsOnlyOnce(true);
    }
  }
}
