package dev.aegis.server;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Waits for an outcome that arrives asynchronously (an alert, a delivery), polling; never asserts a duration. */
final class Await {
  static final Duration DEFAULT = Duration.ofSeconds(30);

  private Await() {}

  /** The first value of {@code probe} that {@code done} accepts; fails with the last value after the timeout. */
  static <T> T until(Supplier<T> probe, Predicate<T> done) {
    return until(probe, done, DEFAULT);
  }

  static <T> T until(Supplier<T> probe, Predicate<T> done, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    T last = probe.get();
    while (!done.test(last)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("still not there after " + timeout + "; last seen: " + last);
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while waiting", e);
      }
      last = probe.get();
    }
    return last;
  }
}
