package dev.aegis.core.policy.rate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aegis.core.policy.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class InMemoryRateLimiterTest {
  private static final RateKey KEY = new RateKey("ten_a", "agent-1", "db");
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T12:00:00Z"));
  private final InMemoryRateLimiter limiter = new InMemoryRateLimiter(clock);

  @Test
  void aFullBucketHoldsTheLimitAndRefillsAtLimitPerMinute() {
    for (int i = 0; i < 30; i++) {
      assertThat(limiter.tryAcquire(KEY, 30).granted()).isTrue();
    }
    assertThat(limiter.tryAcquire(KEY, 30)).isEqualTo(new RateResult(false, 2000));
    clock.advance(Duration.ofMillis(500));
    assertThat(limiter.tryAcquire(KEY, 30).retryAfterMs()).isEqualTo(1500);
    clock.advance(Duration.ofMillis(1500));
    assertThat(limiter.tryAcquire(KEY, 30).granted()).isTrue();
    clock.advance(Duration.ofSeconds(60));
    int granted = 0;
    while (limiter.tryAcquire(KEY, 30).granted()) {
      granted++;
    }
    assertThat(granted).as("a minute refills the whole bucket, and no more").isEqualTo(30);
  }

  @Test
  void retryAfterIsRoundedUpToTheMillisecond() {
    for (int i = 0; i < 7; i++) {
      limiter.tryAcquire(KEY, 7);
    }
    // 60,000 / 7 = 8571.43 ms per call
    assertThat(limiter.tryAcquire(KEY, 7).retryAfterMs()).isEqualTo(8572);
    clock.advance(Duration.ofMillis(8571));
    assertThat(limiter.tryAcquire(KEY, 7).retryAfterMs()).isEqualTo(1);
    clock.advance(Duration.ofMillis(1));
    assertThat(limiter.tryAcquire(KEY, 7).granted()).isTrue();
  }

  @Test
  void aLowerLimitShrinksTheBucketAtOnce() {
    for (int i = 0; i < 10; i++) {
      limiter.tryAcquire(KEY, 100);
    }
    int granted = 0;
    while (limiter.tryAcquire(KEY, 5).granted()) {
      granted++;
    }
    assertThat(granted).isEqualTo(5);
  }

  @Test
  void idleBucketsAreSweptAndComeBackFull() {
    for (int i = 0; i < 100; i++) {
      limiter.tryAcquire(new RateKey("ten_a", "old-" + i, "db"), 1);
    }
    clock.advance(Duration.ofMinutes(5));
    for (int i = 0; i < InMemoryRateLimiter.SWEEP_EVERY - 100; i++) {
      limiter.tryAcquire(new RateKey("ten_a", "new-" + i, "db"), 1);
    }
    assertThat(limiter.size()).isEqualTo(InMemoryRateLimiter.SWEEP_EVERY - 100);
    assertThat(limiter.tryAcquire(new RateKey("ten_a", "old-1", "db"), 1).granted()).isTrue();
    assertThat(limiter.tryAcquire(new RateKey("ten_a", "new-1", "db"), 1).granted()).isFalse();
  }

  @Test
  void manyThreadsNeverTakeMoreThanTheCap() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      for (int round = 0; round < 20; round++) {
        RateKey key = new RateKey("ten_a", "agent-" + round, "db");
        AtomicInteger granted = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
          futures.add(pool.submit(() -> {
            start.await();
            for (int i = 0; i < 50; i++) {
              if (limiter.tryAcquire(key, 120).granted()) {
                granted.incrementAndGet();
              }
            }
            return null;
          }));
        }
        start.countDown();
        for (Future<?> f : futures) {
          f.get();
        }
        assertThat(granted.get()).as("round %d", round).isEqualTo(120);
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
