package dev.aegis.cli;

import static dev.aegis.cli.PolicyServer.SAMPLE_JSON;
import static dev.aegis.cli.PolicyServer.check;
import static dev.aegis.cli.PolicyServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aegis.cli.Cli.Result;
import dev.aegis.cli.PolicyServer.Tenant;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code aegis policy test} (offline, no server at all) and {@code aegis policy simulate} against a real server. */
@Timeout(120)
class PolicyTestAndSimulateCliIT {
  static final String CASES = """
      - name: reads documents from s3
        request: {agent_id: summarizer-1, action: read:documents, connector: s3}
        expect: {outcome: allow}
      - name: may not delete documents
        request: {agent_id: summarizer-1, action: delete:documents, connector: db}
        expect: {outcome: deny, reason: capability_not_granted}
      - name: s3 is read-only
        request: {agent_id: summarizer-1, action: write:summaries, connector: s3}
        expect: {outcome: deny, reason: connector_read_only}
      - name: the 31st db call in a minute waits
        request: {agent_id: summarizer-1, action: write:summaries, connector: db}
        repeat: 31
        expect: {outcome: rate_limited}
      - name: big writes need approval
        request: {agent_id: summarizer-1, action: write:summaries, connector: db, attributes: {size_mb: 60}}
        expect: {outcome: require_approval, reason: approval_threshold}
      """;

  @TempDir static Path dataDir;
  @TempDir static Path workDir;

  private static PolicyServer server;
  /** No server behind it: the test command must not need one. */
  private static Cli offline;

  @BeforeAll
  static void start() {
    server = PolicyServer.start(dataDir, workDir);
    offline = new Cli(Map.of("AEGIS_URL", "http://127.0.0.1:1", "LANG", "C.UTF-8"), workDir);
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void passingCasesExit0() {
    String policy = server.file("summarizer.json", SAMPLE_JSON);
    String cases = server.file("cases.yaml", CASES);

    Result run = offline.run("policy", "test", policy, cases, "--at", "2026-11-25T12:00:00Z");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out()).isEqualTo("""
        Testing policy-agent-summarizer (summarizer.json) with 5 cases from cases.yaml, at 2026-11-25T12:00:00Z
          ✓ reads documents from s3
          ✓ may not delete documents
          ✓ s3 is read-only
          ✓ the 31st db call in a minute waits
          ✓ big writes need approval
        5 passed, 0 failed
        """);
    Result ascii = new Cli(Map.of("LANG", "C"), workDir).run("policy", "test", policy, cases);
    assertThat(ascii.out()).contains("  ok reads documents from s3").doesNotContain("✓");
  }

  @Test
  void aFailingCaseShowsExpectedAgainstActualAndExits1() {
    String policy = server.file("summarizer.json", SAMPLE_JSON);
    String cases = server.file("wrong.yaml", CASES + """
        - name: s3 takes writes
          request: {agent_id: summarizer-1, action: write:summaries, connector: s3}
          expect: {outcome: allow}
        - name: the 30th db call passes
          request: {agent_id: summarizer-1, action: write:summaries, connector: db}
          repeat: 31
          expect: {outcome: allow}
        """);

    Result run = offline.run("policy", "test", policy, cases);

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).contains("  ✗ s3 takes writes\n"
            + "    expected: allow\n"
            + "    actual:   deny\n"
            + "              connector_read_only: connector 's3' is read-only")
        .contains("  ✗ the 30th db call passes\n"
            + "    expected: allow\n"
            + "    actual:   rate_limited (retry after 2000 ms)\n")
        .endsWith("5 passed, 2 failed\n");

    Result asJson = offline.run("policy", "test", policy, cases, "-o", "json");
    assertThat(asJson.exitCode()).isEqualTo(1);
    JsonNode report = json(asJson);
    assertThat(report.get("failed").asInt()).isEqualTo(2);
    JsonNode failed = report.get("cases").get(5);
    assertThat(failed.get("name").asText()).isEqualTo("s3 takes writes");
    assertThat(failed.get("passed").asBoolean()).isFalse();
    assertThat(failed.at("/expected/outcome").asText()).isEqualTo("allow");
    assertThat(failed.at("/actual/outcome").asText()).isEqualTo("deny");
    assertThat(failed.at("/actual/reasons/0/code").asText()).isEqualTo("connector_read_only");
    assertThat(report.get("cases").get(6).at("/actual/retry_after_ms").asLong()).isEqualTo(2000);
  }

  @Test
  void anInvalidPolicyOrCasesFileExits1WithPointersAndAMissingFileExits2() {
    String policy = server.file("summarizer.json", SAMPLE_JSON);
    String badCases = server.file("bad-cases.yaml", """
        - name: no action
          request: {agent_id: a}
          expect: {outcome: maybe}
        - request: {agent_id: a, action: read:documents}
          expect: {outcome: allow}
          colour: red
        """);
    Result run = offline.run("policy", "test", policy, badCases);
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).startsWith("bad-cases.yaml: not a valid test file, ")
        .containsPattern("(?m)^  /0/request/action: .+")
        .containsPattern("(?m)^  /0/expect/outcome: outcome 'maybe' is not known.+")
        .containsPattern("(?m)^  /1/name: .+")
        .containsPattern("(?m)^  /1/colour: unknown field 'colour'.+");

    String badPolicy = server.file("bad.json", "{\"policy_id\": \"p\", \"capabilities\": [\"nope\"]}");
    Result invalidPolicy = offline.run("policy", "test", badPolicy, server.file("cases.yaml", CASES));
    assertThat(invalidPolicy.exitCode()).isEqualTo(1);
    assertThat(invalidPolicy.out()).startsWith("bad.json: not a valid policy, 1 error:")
        .containsPattern("(?m)^  /capabilities/0: .+");

    Result missing = offline.run("policy", "test", policy, "nowhere.yaml");
    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.err()).contains("there is no file nowhere.yaml");
  }

  @Test
  void simulateCountsTheOutcomesACandidateWouldChange() {
    Tenant tenant = server.newTenant();
    check(tenant.admin().run("policy", "apply", server.file("summarizer.json", SAMPLE_JSON)));
    Cli agent = server.as(tenant.agentKey());
    check(agent.run("decide", "--agent", "summarizer-1", "--action", "write:summaries", "--connector", "db"));
    for (int i = 0; i < 2; i++) {
      check(agent.run("decide", "--agent", "summarizer-1", "--action", "write:summaries", "--connector", "db",
          "--attr", "size_mb=45"));
    }
    check(agent.run("decide", "--agent", "summarizer-1", "--action", "read:reports", "--connector", "s3"));
    String candidate = server.file("candidate.json", SAMPLE_JSON
        .replace("\"write:size_mb\": 50", "\"write:size_mb\": 40")
        .replace("[\"read:documents\", ", "[\"read:documents\", \"read:reports\", "));

    Result simulated = server.as(tenant.approverKey()).run("policy", "simulate", candidate, "--since", "1h");

    assertThat(simulated.exitCode()).as(simulated.toString()).isZero();
    assertThat(simulated.out())
        .startsWith("Replayed 4 logged decisions of the last 1h (")
        .contains("against policy-agent-summarizer from candidate.json:\n3 would change:\n")
        .containsPattern("(?m)^  FROM +TO +DECISIONS$")
        .containsPattern("(?m)^  allow +require_approval +2$")
        .containsPattern("(?m)^  deny +allow +1$")
        .containsPattern("(?m)^allow -> require_approval, for example:\\R  dec_[0-9a-z]{26}  \\S+Z  summarizer-1  "
            + "write:summaries via db\\R      approval_threshold: size_mb 45 is above the threshold "
            + "write:size_mb = 40 of policy-agent-summarizer@2$")
        .containsPattern("(?m)^deny -> allow, for example:\\R  dec_[0-9a-z]{26}  \\S+Z  summarizer-1  read:reports via s3$");
    assertThat(check(tenant.admin().run("policy", "show", PolicyCliIT.ID)).out()).as("nothing stored")
        .contains(PolicyCliIT.ID + "@1");

    Result asJson = check(tenant.admin().run("policy", "simulate", candidate, "-o", "json"));
    assertThat(json(asJson).get("replayed").asInt()).isEqualTo(4);
    assertThat(json(asJson).get("by_change")).hasSize(2);

    Result unchanged = check(tenant.admin().run("policy", "simulate", server.file("same.json", SAMPLE_JSON)));
    assertThat(unchanged.out()).endsWith("no outcome would change.\n");
    Result invalid = tenant.admin().run("policy", "simulate", server.file("bad.yaml",
        "policy_id: policy-agent-summarizer\ncapabilities: [nope]\n"));
    assertThat(invalid.exitCode()).isEqualTo(1);
    assertThat(invalid.err()).contains("is not a valid policy, so nothing was simulated").contains("/capabilities/0");
    Result badSince = tenant.admin().run("policy", "simulate", candidate, "--since", "forever");
    assertThat(badSince.exitCode()).isEqualTo(2);
    assertThat(badSince.err()).contains("--since is a duration");
    Result forbidden = server.as(tenant.agentKey()).run("policy", "simulate", candidate);
    assertThat(forbidden.exitCode()).isEqualTo(1);
    assertThat(forbidden.err()).contains("(403 forbidden)");
  }
}
