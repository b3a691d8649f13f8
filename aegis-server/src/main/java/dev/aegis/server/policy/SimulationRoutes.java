package dev.aegis.server.policy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aegis.core.policy.DecisionLog;
import dev.aegis.core.policy.DecisionRecord;
import dev.aegis.core.policy.DecisionRequest;
import dev.aegis.core.policy.Outcome;
import dev.aegis.core.policy.PolicyDocument;
import dev.aegis.core.policy.PolicyStore;
import dev.aegis.core.policy.cases.LoggedDecision;
import dev.aegis.core.policy.cases.PolicySimulation;
import dev.aegis.core.policy.cases.SimulationReport;
import dev.aegis.server.auth.Principal;
import dev.aegis.server.auth.TenantScope;
import dev.aegis.server.http.Problem;
import dev.aegis.server.http.ProblemException;
import dev.aegis.server.http.ProblemType;
import io.javalin.http.Context;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code POST /api/v1/policies/{policy_id}/simulate}: replays the decision log's inputs since a time against the
 * tenant's policies with the candidate in place of the policy, and reports which outcomes would change.
 */
final class SimulationRoutes {
  static final int MAX_REPLAYED = 100_000;
  static final Duration MAX_SINCE = Duration.ofDays(30);
  private static final Pattern SINCE = Pattern.compile("([1-9][0-9]{0,7})(s|m|h|d)");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final PolicyStore policies;
  private final DecisionLog log;
  private final Clock clock;

  SimulationRoutes(PolicyStore policies, DecisionLog log, Clock clock) {
    this.policies = policies;
    this.log = log;
    this.clock = clock;
  }

  void simulate(Context ctx) {
    String tenantId = TenantScope.tenantOf(Principal.of(ctx), "simulating policies", PolicyRoutes.READERS);
    String policyId = PolicyRoutes.policyId(ctx);
    Duration since = since(ctx.queryParam("since"));
    PolicyDocument candidate = PolicyBody.read(ctx).document();
    if (!candidate.policyId().equals(policyId)) {
      throw new ProblemException(ProblemType.VALIDATION, "The candidate's policy_id '" + candidate.policyId()
          + "' is not the '" + policyId + "' of the path.",
          List.of(Problem.FieldError.atPointer("/policy_id", "must be '" + policyId + "', the id in the path")));
    }
    Instant until = clock.instant();
    Instant from = until.minus(since);
    List<LoggedDecision> replay = new ArrayList<>();
    int read = log.inputsSince(tenantId, from, MAX_REPLAYED + 1, r -> replay.add(logged(r)));
    boolean truncated = read > MAX_REPLAYED;
    if (truncated) {
      replay.removeLast();
    }
    SimulationReport report =
        PolicySimulation.run(PolicySets.sources(policies.allCurrent(tenantId)), candidate, replay);
    Map<String, Instant> times = new java.util.HashMap<>();
    replay.forEach(d -> times.put(d.decisionId(), d.decidedAt()));
    ctx.json(SimulationView.of(policyId, from, until, report, truncated, times));
  }

  private static LoggedDecision logged(DecisionRecord r) {
    Map<String, Object> attributes;
    try {
      attributes = JSON.readValue(r.attributes(), new TypeReference<Map<String, Object>>() {});
    } catch (IOException e) {
      attributes = Map.of();
    }
    DecisionRequest request = new DecisionRequest(r.tenantId(), r.agentId(), r.agentLabels(), r.taskType(),
        r.runId(), r.stage(), r.action(), r.connector(), r.resource(), attributes);
    return new LoggedDecision(r.decisionId(), request, r.outcome(), r.at());
  }

  private static Duration since(String raw) {
    if (raw == null) {
      return Duration.ofHours(24);
    }
    var m = SINCE.matcher(raw);
    Duration since = null;
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      since = switch (m.group(2)) {
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        case "h" -> Duration.ofHours(n);
        default -> Duration.ofDays(n);
      };
    }
    if (since == null || since.compareTo(MAX_SINCE) > 0) {
      throw new ProblemException(ProblemType.MALFORMED_REQUEST, "Query parameter 'since' is not valid.",
          List.of(Problem.FieldError.atParameter("since",
              "must be a duration up to 30d such as 90s, 90m, 24h or 7d, was '" + raw + "'")));
    }
    return since;
  }

  /** What would change. */
  record SimulationView(String policyId, Instant since, Instant until, int replayed, int changed,
      List<ChangeCount> byChange, List<ExampleView> examples, boolean truncated) {
    record ChangeCount(String from, String to, int count) {}

    record ExampleView(String decisionId, Instant at, String agentId, String action, String connector, String from,
        String to, List<DecisionView.ReasonView> reasons) {}

    static SimulationView of(String policyId, Instant since, Instant until, SimulationReport report,
        boolean truncated, Map<String, Instant> times) {
      List<ChangeCount> counts = new ArrayList<>();
      List<ExampleView> examples = new ArrayList<>();
      for (SimulationReport.Transition t : report.transitions()) {
        counts.add(new ChangeCount(t.from().wire(), t.to().wire(), t.count()));
        for (SimulationReport.Example e : report.examples().getOrDefault(t.label(), List.of())) {
          examples.add(new ExampleView(e.decisionId(), times.get(e.decisionId()), e.agentId(), e.action(), e.connector(), t.from().wire(),
              t.to().wire(), DecisionView.ReasonView.of(e.reasons())));
        }
      }
      return new SimulationView(policyId, since, until, report.replayed(), report.changed(), counts, examples,
          truncated);
    }
  }
}
