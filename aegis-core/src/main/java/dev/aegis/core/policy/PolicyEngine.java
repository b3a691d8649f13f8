package dev.aegis.core.policy;

import dev.aegis.core.policy.rate.InMemoryRateLimiter;
import dev.aegis.core.policy.rate.RateCap;
import dev.aegis.core.policy.rate.RateCaps;
import dev.aegis.core.policy.rate.RateKey;
import dev.aegis.core.policy.rate.RateLimiter;
import dev.aegis.core.policy.rate.RateResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The in-process decision point: resolves the effective policy from the tenant's compiled snapshot, evaluates the
 * request (deny over require approval over allow), then, only for an allow, takes a token from the rate cap.
 * Shadow policies are evaluated beside and reported when they would have decided differently. It fails closed:
 * no bound policy, an unusable policy, a failing policy source or any unexpected error is a deny.
 */
public final class PolicyEngine implements DecisionPoint {
  private final PolicySetSource policies;
  private final RateLimiter limiter;
  private final RateCaps caps;
  private final Clock clock;

  public PolicyEngine(PolicySetSource policies, RateLimiter limiter, RateCaps caps, Clock clock) {
    this.policies = Objects.requireNonNull(policies, "policies");
    this.limiter = Objects.requireNonNull(limiter, "limiter");
    this.caps = Objects.requireNonNull(caps, "caps");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** An engine for one server: buckets in memory, no overrides until the caller feeds them. */
  public static PolicyEngine inMemory(PolicySetSource policies, Clock clock) {
    return new PolicyEngine(policies, new InMemoryRateLimiter(clock), new RateCaps(clock), clock);
  }

  /** The dynamic caps this engine applies; the server feeds it the store's overrides. */
  public RateCaps caps() {
    return caps;
  }

  @Override
  public Decision decide(DecisionRequest request) {
    PolicySet set;
    try {
      set = policies.forTenant(request.tenantId());
      if (set == null) {
        throw new IllegalStateException("the policy source returned nothing");
      }
    } catch (RuntimeException e) {
      return new Decision.Deny(
          List.of(new Reason(ReasonCode.STORE_UNAVAILABLE, "the tenant's policies could not be read ("
              + e.getMessage() + "), so nothing is allowed")),
          List.of(),
          null);
    }
    try {
      return decide(set, request);
    } catch (RuntimeException e) {
      return new Decision.Deny(
          List.of(new Reason(ReasonCode.INVALID_POLICY, "the decision could not be made (" + e + "), so it denies")),
          List.of(),
          null);
    }
  }

  /** Decides against a given snapshot; used by the offline test runner and simulations too. */
  public Decision decide(PolicySet set, DecisionRequest request) {
    Instant now = clock.instant();
    EffectivePolicy effective = set.effective(request.agentId(), request.agentLabels(), request.taskType());
    Verdict verdict = Evaluator.evaluate(effective, request, now);
    ShadowOutcome shadow = null;
    if (effective.withShadow != null) {
      Verdict would = Evaluator.evaluate(effective.withShadow, request, now);
      if (would.outcome() != verdict.outcome()) {
        shadow = would.asShadow();
      }
    }
    return switch (verdict.outcome()) {
      case DENY -> new Decision.Deny(verdict.reasons(), verdict.policies(), shadow);
      case REQUIRE_APPROVAL ->
          new Decision.RequireApproval(verdict.reasons(), verdict.policies(), verdict.obligations(), shadow);
      case ALLOW -> rateChecked(request, verdict, shadow, now);
      case RATE_LIMITED -> throw new IllegalStateException("a verdict never rate-limits");
    };
  }

  /** Rate caps come last and only an allow takes a token, so denied or held calls never spend the budget. */
  private Decision rateChecked(DecisionRequest request, Verdict verdict, ShadowOutcome shadow, Instant now) {
    if (request.connector() == null) {
      return new Decision.Allow(verdict.reasons(), verdict.policies(), verdict.obligations(), shadow);
    }
    RateKey key = new RateKey(request.tenantId(), request.agentId(), request.connector());
    RateCap cap = caps.resolve(key, verdict.rateLimitPerMin());
    if (cap.pausedUntil() != null) {
      long wait = Math.max(1, Duration.between(now, cap.pausedUntil()).toMillis());
      return limited(verdict, shadow, wait, "connector '" + request.connector() + "' is paused after its upstream "
          + "answered 429; retry in " + wait + " ms");
    }
    if (cap.limitPerMin() == null) {
      return new Decision.Allow(verdict.reasons(), verdict.policies(), verdict.obligations(), shadow);
    }
    RateResult taken;
    try {
      taken = limiter.tryAcquire(key, cap.limitPerMin());
    } catch (RuntimeException e) {
      return new Decision.Deny(
          List.of(new Reason(ReasonCode.STORE_UNAVAILABLE, "the rate cap of connector '" + request.connector()
              + "' could not be checked (" + e.getMessage() + "), so nothing is allowed")),
          verdict.policies(),
          shadow);
    }
    if (taken.granted()) {
      return new Decision.Allow(verdict.reasons(), verdict.policies(), verdict.obligations(), shadow);
    }
    String from = switch (cap.source()) {
      case "policy" -> verdict.rateFrom() == null ? "the policy" : verdict.rateFrom().toString();
      case "override" -> "an operator override";
      default -> "a cap tightened after an upstream 429";
    };
    return limited(verdict, shadow, taken.retryAfterMs(), "connector '" + request.connector() + "' allows "
        + cap.limitPerMin() + " calls a minute for agent '" + request.agentId() + "' (" + from + "); retry in "
        + taken.retryAfterMs() + " ms");
  }

  private static Decision limited(Verdict verdict, ShadowOutcome shadow, long retryAfterMs, String message) {
    return new Decision.RateLimited(
        List.of(new Reason(ReasonCode.RATE_LIMITED, message)),
        verdict.policies(),
        verdict.obligations(),
        retryAfterMs,
        shadow);
  }

  @Override
  public void tighten(String tenantId, String agentId, String connector, Duration retryAfter) {
    caps.tighten(new RateKey(tenantId, agentId, connector), retryAfter);
  }
}
