package dev.aegis.core.policy.cases;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aegis.core.policy.PolicyDocument;
import dev.aegis.core.policy.PolicyError;
import dev.aegis.core.policy.PolicyFormat;
import dev.aegis.core.policy.PolicyParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PolicyTestRunnerTest {
  private static final Instant AT = Instant.parse("2026-11-24T12:00:00Z");

  static String resource(String path) throws IOException {
    try (InputStream in = PolicyTestRunnerTest.class.getResourceAsStream("/policy/" + path)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  static PolicyDocument sample() throws IOException {
    return PolicyParser.parse(resource("sample.yaml"), PolicyFormat.YAML).orThrow();
  }

  @Test
  void theSampleCasesPassAgainstTheSample() throws IOException {
    TestCaseFile file = TestCaseFile.parse(resource("sample-cases.yaml"));
    assertThat(file.errors()).isEmpty();
    TestReport report = PolicyTestRunner.run(sample(), file.cases(), AT);
    assertThat(report.failed()).as(report.render()).isZero();
    assertThat(report.passed()).isEqualTo(7);
    assertThat(report.render()).endsWith("7 passed, 0 failed\n").contains("  ✓ s3 is read-only");
  }

  @Test
  void aFailingCaseShowsExpectedAgainstActual() throws IOException {
    TestCaseFile file =
        TestCaseFile.parse(
            """
            - name: s3 takes writes
              request: {agent_id: a, action: write:summaries, connector: s3}
              expect: {outcome: allow}
            - name: wrong reason
              request: {agent_id: a, action: delete:x, connector: db}
              expect: {outcome: deny, reason: explicit_deny}
            """);
    TestReport report = PolicyTestRunner.run(sample(), file.cases(), AT);
    assertThat(report.failed()).isEqualTo(2);
    assertThat(report.results().get(0).diff())
        .contains("expected: allow", "actual:   deny", "connector_read_only: connector 's3' is read-only");
    assertThat(report.results().get(1).diff()).contains("expected: deny (reason explicit_deny)",
        "capability_not_granted");
    assertThat(report.render()).contains("  ✗ s3 takes writes").endsWith("0 passed, 2 failed\n");
  }

  @Test
  void aBrokenCaseFileListsEveryError() {
    TestCaseFile file =
        TestCaseFile.parse(
            """
            - name: one
              request: {agent: a, action: read:x}
              expect: {outcome: allowed}
            - name: one
              request: {agent_id: a, action: read:x}
              expect: {outcome: deny, reason: nope}
              repeat: 0
            """);
    assertThat(file.errors())
        .extracting(PolicyError::pointer)
        .containsExactly(
            "/0/request/agent", "/0/request/agent_id", "/0/expect/outcome", "/1/expect/reason", "/1/repeat");
    assertThat(TestCaseFile.parse("name: x").errors()).singleElement()
        .extracting(PolicyError::message).asString().contains("list of cases");
  }
}
