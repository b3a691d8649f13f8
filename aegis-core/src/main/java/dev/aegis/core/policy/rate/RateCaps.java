package dev.aegis.core.policy.rate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Dynamic caps on top of the policies' caps: operator overrides (taken as a snapshot from the store) and the
 * tightenings the gateway asks for when an upstream answers 429. Expired entries are ignored, so nothing needs
 * sweeping for correctness; {@link #tighten} prunes old tightenings as it goes.
 */
public final class RateCaps {
  /** How long a tightened cap outlives the upstream's Retry-After: one full refill of a bucket. */
  public static final Duration TIGHTEN_HOLD = Duration.ofMinutes(1);
  /** Repeated 429s halve the cap again, down to 1/1024 of it and never below one call a minute. */
  static final int MAX_HALVINGS = 10;

  private record Tightening(int halvings, Instant pausedUntil, Instant expiresAt) {}

  private final Clock clock;
  private volatile Map<RateKey, RateOverride> overrides = Map.of();
  private final ConcurrentHashMap<RateKey, Tightening> tightenings = new ConcurrentHashMap<>();

  public RateCaps(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Replaces every override with this snapshot (the store's current rows). */
  public void replaceOverrides(Collection<RateOverride> snapshot) {
    Map<RateKey, RateOverride> next = new HashMap<>();
    for (RateOverride o : snapshot) {
      next.merge(new RateKey(o.tenantId(), o.agentId(), o.connector()), o, (a, b) -> later(a, b));
    }
    overrides = Map.copyOf(next);
  }

  /** Halves the agent's cap on the connector and pauses it until {@code retryAfter} has passed. */
  public void tighten(RateKey key, Duration retryAfter) {
    Instant now = clock.instant();
    Duration wait = retryAfter == null || retryAfter.isNegative() ? Duration.ZERO : retryAfter;
    Instant pausedUntil = now.plus(wait);
    Instant expiresAt = pausedUntil.plus(TIGHTEN_HOLD);
    tightenings.compute(key, (k, old) -> {
      if (old == null || !old.expiresAt().isAfter(now)) {
        return new Tightening(1, pausedUntil, expiresAt);
      }
      return new Tightening(
          Math.min(MAX_HALVINGS, old.halvings() + 1),
          old.pausedUntil().isAfter(pausedUntil) ? old.pausedUntil() : pausedUntil,
          old.expiresAt().isAfter(expiresAt) ? old.expiresAt() : expiresAt);
    });
    tightenings.entrySet().removeIf(e -> !e.getValue().expiresAt().isAfter(now));
  }

  /** The cap in force: an agent's override, else a tenant-wide one, else the policy's; tightened when asked. */
  public RateCap resolve(RateKey key, Integer policyLimit) {
    if (overrides.isEmpty() && tightenings.isEmpty()) {
      return new RateCap(policyLimit, "policy", null);
    }
    Instant now = clock.instant();
    Integer limit = policyLimit;
    String source = "policy";
    Map<RateKey, RateOverride> current = overrides;
    RateOverride o = current.isEmpty() ? null : live(current.get(key), now);
    if (o == null && !current.isEmpty()) {
      o = live(current.get(new RateKey(key.tenantId(), RateOverride.ANY_AGENT, key.connector())), now);
    }
    if (o != null) {
      limit = o.limitPerMin();
      source = "override";
    }
    Tightening t = tightenings.isEmpty() ? null : tightenings.get(key);
    if (t == null || !t.expiresAt().isAfter(now)) {
      return new RateCap(limit, source, null);
    }
    Integer tightened = limit == null ? null : Math.max(1, limit >> t.halvings());
    return new RateCap(tightened, "tightened", t.pausedUntil().isAfter(now) ? t.pausedUntil() : null);
  }

  private static RateOverride live(RateOverride o, Instant now) {
    return o != null && (o.expiresAt() == null || o.expiresAt().isAfter(now)) ? o : null;
  }

  /** Two overrides for one key: the one that lasts longer wins (no expiry lasts longest). */
  private static RateOverride later(RateOverride a, RateOverride b) {
    if (a.expiresAt() == null) {
      return a;
    }
    if (b.expiresAt() == null) {
      return b;
    }
    return b.expiresAt().isAfter(a.expiresAt()) ? b : a;
  }
}
