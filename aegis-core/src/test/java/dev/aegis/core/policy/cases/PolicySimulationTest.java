package dev.aegis.core.policy.cases;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aegis.core.policy.DecisionRequest;
import dev.aegis.core.policy.Outcome;
import dev.aegis.core.policy.PolicyDocument;
import dev.aegis.core.policy.PolicyFormat;
import dev.aegis.core.policy.PolicyParser;
import dev.aegis.core.policy.PolicySource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PolicySimulationTest {
  private static final Instant T = Instant.parse("2026-11-24T12:00:00Z");

  private static DecisionRequest req(String agent, String action, String connector, Map<String, Object> attrs) {
    return DecisionRequest.of("ten_a", agent, action, connector, attrs);
  }

  @Test
  void reportsWhichOutcomesChangeWithCountsAndExamples() throws Exception {
    PolicyDocument current = PolicyTestRunnerTest.sample();
    PolicyDocument candidate =
        PolicyParser.parse(
                """
                policy_id: policy-agent-summarizer
                capabilities: [read:documents, write:summaries, delete:drafts]
                connectors:
                  s3: {role: read-only, rate_limit_per_min: 120}
                  db: {role: write-limited, rate_limit_per_min: 30}
                approval_thresholds:
                  write:size_mb: 10
                """,
                PolicyFormat.YAML)
            .orThrow();
    List<LoggedDecision> log = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      log.add(new LoggedDecision("dec_r" + i, req("a", "read:documents", "s3", null), Outcome.ALLOW, T));
    }
    for (int i = 0; i < 4; i++) {
      log.add(new LoggedDecision("dec_w" + i, req("a", "write:summaries", "db", Map.of("size_mb", 20)), Outcome.ALLOW, T));
    }
    log.add(new LoggedDecision("dec_d", req("a", "delete:drafts", "db", null), Outcome.DENY, T));
    log.add(new LoggedDecision("dec_x", req("a", "write:summaries", "db", Map.of("external_domain", "x.org")),
        Outcome.REQUIRE_APPROVAL, T));
    log.add(new LoggedDecision("dec_rl", req("a", "write:summaries", "db", null), Outcome.RATE_LIMITED, T));

    SimulationReport report =
        PolicySimulation.run(List.of(new PolicySource(current.policyId(), 4, current)), candidate, log);
    assertThat(report.replayed()).isEqualTo(57);
    assertThat(report.changed()).isEqualTo(6);
    assertThat(report.transitions())
        .extracting(SimulationReport.Transition::label, SimulationReport.Transition::count)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("allow → require_approval", 4),
            org.assertj.core.groups.Tuple.tuple("deny → allow", 1),
            org.assertj.core.groups.Tuple.tuple("require_approval → allow", 1));
    assertThat(report.examples().get("allow → require_approval"))
        .extracting(SimulationReport.Example::decisionId)
        .containsExactly("dec_w0", "dec_w1", "dec_w2", "dec_w3");
    assertThat(report.render()).contains("57 decisions replayed, 6 would change", "deny → allow: 1", "dec_d");
  }
}
