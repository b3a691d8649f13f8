package dev.aegis.server.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

/** Decides when a key's {@code last_used_at} is worth a write: at most once a minute per key, across threads. */
final class LastUsed {
  static final Duration INTERVAL = Duration.ofMinutes(1);
  private static final int MAX_TRACKED = 100_000;

  private final ConcurrentHashMap<String, Instant> lastWritten = new ConcurrentHashMap<>();

  /** Whether the caller should write now; true for exactly one of several concurrent callers. */
  boolean claim(String keyId, Instant storedLastUsed, Instant now) {
    if (storedLastUsed != null && now.isBefore(storedLastUsed.plus(INTERVAL))) {
      return false;
    }
    if (lastWritten.size() > MAX_TRACKED) {
      lastWritten.clear(); // only a cache against racing writes; the stored time still rules
    }
    boolean[] claimed = {false};
    lastWritten.compute(keyId, (id, previous) -> {
      if (previous == null || !now.isBefore(previous.plus(INTERVAL))) {
        claimed[0] = true;
        return now;
      }
      return previous;
    });
    return claimed[0];
  }
}
