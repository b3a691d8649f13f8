package dev.aegis.core.policy;

import java.util.List;

/**
 * The decision point's answer for one request. Every outcome carries its reasons, the policy versions that took
 * part, the obligations the caller must honour, and what shadow policies would have decided when that differs.
 */
public sealed interface Decision {
  Outcome outcome();

  List<Reason> reasons();

  List<PolicyRef> policies();

  List<Obligation> obligations();

  /** What shadow policies would have decided, or null when they agree or there are none. */
  ShadowOutcome shadow();

  /** Milliseconds until a call can pass, for {@link RateLimited}; null otherwise. */
  default Long retryAfterMs() {
    return null;
  }

  /** The action may go ahead, honouring the obligations. */
  record Allow(List<Reason> reasons, List<PolicyRef> policies, List<Obligation> obligations, ShadowOutcome shadow)
      implements Decision {
    public Allow {
      reasons = List.copyOf(reasons);
      policies = List.copyOf(policies);
      obligations = List.copyOf(obligations);
    }

    @Override
    public Outcome outcome() {
      return Outcome.ALLOW;
    }
  }

  /** The action must not happen. */
  record Deny(List<Reason> reasons, List<PolicyRef> policies, ShadowOutcome shadow) implements Decision {
    public Deny {
      reasons = List.copyOf(reasons);
      policies = List.copyOf(policies);
    }

    @Override
    public Outcome outcome() {
      return Outcome.DENY;
    }

    @Override
    public List<Obligation> obligations() {
      return List.of();
    }
  }

  /** The action may happen once a person approves it. */
  record RequireApproval(
      List<Reason> reasons, List<PolicyRef> policies, List<Obligation> obligations, ShadowOutcome shadow)
      implements Decision {
    public RequireApproval {
      reasons = List.copyOf(reasons);
      policies = List.copyOf(policies);
      obligations = List.copyOf(obligations);
    }

    @Override
    public Outcome outcome() {
      return Outcome.REQUIRE_APPROVAL;
    }
  }

  /** The policy allows the action but its rate cap is spent; retry after {@code retryAfterMs}. */
  record RateLimited(
      List<Reason> reasons, List<PolicyRef> policies, List<Obligation> obligations, Long retryAfterMs,
      ShadowOutcome shadow)
      implements Decision {
    public RateLimited {
      reasons = List.copyOf(reasons);
      policies = List.copyOf(policies);
      obligations = List.copyOf(obligations);
    }

    @Override
    public Outcome outcome() {
      return Outcome.RATE_LIMITED;
    }
  }
}
