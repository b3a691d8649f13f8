package dev.aegis.core.policy.cases;

import dev.aegis.core.policy.Decision;
import dev.aegis.core.policy.Outcome;
import dev.aegis.core.policy.PolicyDocument;
import dev.aegis.core.policy.PolicyEngine;
import dev.aegis.core.policy.PolicySet;
import dev.aegis.core.policy.PolicySource;
import dev.aegis.core.policy.rate.RateCaps;
import dev.aegis.core.policy.rate.RateResult;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Replays logged decision inputs against the tenant's policies with a candidate document in place of its current
 * version (or added, for a new policy), and reports which outcomes would change. Rate caps are not replayed (a replay
 * cannot reproduce the timing of live traffic): a logged {@code rate_limited} counts as the {@code allow} the
 * policies gave before the cap, and the candidate is judged without caps.
 */
public final class PolicySimulation {
  /** How many examples each change keeps. */
  public static final int EXAMPLES_PER_CHANGE = 5;

  private PolicySimulation() {}

  public static SimulationReport run(List<PolicySource> current, PolicyDocument candidate, List<LoggedDecision> log) {
    List<PolicySource> sources = new ArrayList<>();
    long version = 1;
    for (PolicySource s : current) {
      if (s.policyId().equals(candidate.policyId())) {
        version = s.version() + 1;
      } else {
        sources.add(s);
      }
    }
    sources.add(new PolicySource(candidate.policyId(), version, candidate));
    PolicySet set = PolicySet.of(sources);
    StoppedClock clock = new StoppedClock();
    PolicyEngine engine = new PolicyEngine(t -> set, (key, limit) -> RateResult.GRANTED, new RateCaps(clock), clock);

    Map<String, SimulationReport.Transition> counts = new LinkedHashMap<>();
    Map<String, List<SimulationReport.Example>> examples = new LinkedHashMap<>();
    int changed = 0;
    for (LoggedDecision logged : log) {
      clock.now = logged.decidedAt();
      Decision d = engine.decide(logged.request());
      Outcome before = logged.outcome() == Outcome.RATE_LIMITED ? Outcome.ALLOW : logged.outcome();
      if (d.outcome() == before) {
        continue;
      }
      changed++;
      SimulationReport.Transition t = new SimulationReport.Transition(before, d.outcome(), 0);
      counts.merge(t.label(), new SimulationReport.Transition(before, d.outcome(), 1),
          (a, b) -> new SimulationReport.Transition(a.from(), a.to(), a.count() + 1));
      List<SimulationReport.Example> list = examples.computeIfAbsent(t.label(), k -> new ArrayList<>());
      if (list.size() < EXAMPLES_PER_CHANGE) {
        list.add(new SimulationReport.Example(
            logged.decisionId(), logged.request().agentId(), logged.request().action(), logged.request().connector(),
            d.reasons()));
      }
    }
    List<SimulationReport.Transition> transitions = new ArrayList<>(counts.values());
    transitions.sort(Comparator.comparingInt(SimulationReport.Transition::count).reversed()
        .thenComparing(SimulationReport.Transition::label));
    return new SimulationReport(log.size(), changed, transitions, examples);
  }

  /** Each replayed decision sees the time it was first made. */
  private static final class StoppedClock extends Clock {
    Instant now = Instant.EPOCH;

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
