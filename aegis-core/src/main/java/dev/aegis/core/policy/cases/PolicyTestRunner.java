package dev.aegis.core.policy.cases;

import dev.aegis.core.policy.Decision;
import dev.aegis.core.policy.PolicyDocument;
import dev.aegis.core.policy.PolicyEngine;
import dev.aegis.core.policy.PolicySet;
import dev.aegis.core.policy.PolicySource;
import dev.aegis.core.policy.Reason;
import dev.aegis.core.policy.rate.InMemoryRateLimiter;
import dev.aegis.core.policy.rate.RateCaps;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs test cases against one policy document offline, with the real engine: each case gets fresh rate buckets
 * and a clock stopped at {@code at}, so that results never depend on the machine or the order of cases.
 */
public final class PolicyTestRunner {
  private PolicyTestRunner() {}

  /** Runs every case; the policy under test is the only policy, at version 1. */
  public static TestReport run(PolicyDocument document, List<TestCase> cases, Instant at) {
    Clock clock = Clock.fixed(at, ZoneOffset.UTC);
    PolicySet set = PolicySet.of(List.of(new PolicySource(document.policyId(), 1, document)));
    List<CaseResult> results = new ArrayList<>();
    for (TestCase c : cases) {
      PolicyEngine engine = new PolicyEngine(t -> set, new InMemoryRateLimiter(clock), new RateCaps(clock), clock);
      Decision last = null;
      for (int i = 0; i < c.repeat(); i++) {
        last = engine.decide(c.request());
      }
      results.add(new CaseResult(c, last, matches(c, last)));
    }
    return new TestReport(results);
  }

  private static boolean matches(TestCase c, Decision d) {
    if (d.outcome() != c.outcome()) {
      return false;
    }
    return c.reason() == null || d.reasons().stream().map(Reason::code).anyMatch(c.reason()::equals);
  }
}
