package dev.aegis.core.policy;

import static dev.aegis.core.policy.Policies.codes;
import static dev.aegis.core.policy.Policies.request;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The brief's policy, verbatim in JSON and in the same YAML, gives each kind of outcome. */
class SamplePolicyTest {
  private static final Instant T0 = Instant.parse("2026-11-24T12:00:00Z");

  private final MutableClock clock = new MutableClock(T0);

  private PolicyEngine engine(String file) {
    String text = Policies.resource(file);
    PolicyDocument doc = PolicyParser.parse(text, PolicyFormat.fromFileName(file)).orThrow();
    return Policies.engine(clock, Policies.set(doc));
  }

  @ParameterizedTest
  @ValueSource(strings = {"sample.json", "sample.yaml"})
  void bothFormatsReadToTheSameDocument(String file) {
    PolicyDocument doc = PolicyParser.parse(Policies.resource(file), PolicyFormat.fromFileName(file)).orThrow();
    assertThat(doc.policyId()).isEqualTo("policy-agent-summarizer");
    assertThat(doc.capabilities()).containsExactly("read:documents", "write:summaries");
    assertThat(doc.connectors().get("s3")).isEqualTo(new ConnectorPolicy(ConnectorRole.READ_ONLY, 120));
    assertThat(doc.connectors().get("db")).isEqualTo(new ConnectorPolicy(ConnectorRole.WRITE_LIMITED, 30));
    assertThat(doc.approvalThresholds())
        .containsEntry("write:size_mb", new ApprovalThreshold.Limit(50))
        .containsEntry("write:external_domain", new ApprovalThreshold.Triggers(java.util.List.of("requires_approval")));
    assertThat(doc.bindings()).isEmpty();
    assertThat(doc.mode()).isEqualTo(PolicyMode.ENFORCE);
  }

  @ParameterizedTest
  @ValueSource(strings = {"sample.json", "sample.yaml"})
  void readingDocumentsFromS3IsAllowed(String file) {
    Decision d = engine(file).decide(request("summarizer-1", "read:documents", "s3", null));
    assertThat(d).isInstanceOf(Decision.Allow.class);
    assertThat(codes(d)).containsExactly(ReasonCode.CAPABILITY_GRANTED);
    assertThat(d.policies()).containsExactly(new PolicyRef("policy-agent-summarizer", 1));
  }

  @ParameterizedTest
  @ValueSource(strings = {"sample.json", "sample.yaml"})
  void writingSummariesToTheDatabaseIsAllowed(String file) {
    Decision d = engine(file).decide(request("summarizer-1", "write:summaries", "db", null));
    assertThat(d.outcome()).isEqualTo(Outcome.ALLOW);
    assertThat(d.policies()).extracting(PolicyRef::toString).containsExactly("policy-agent-summarizer@1");
  }

  @ParameterizedTest
  @ValueSource(strings = {"sample.json", "sample.yaml"})
  void aCapabilityItDoesNotGrantIsDenied(String file) {
    Decision d = engine(file).decide(request("summarizer-1", "delete:documents", "db", null));
    assertThat(d).isInstanceOf(Decision.Deny.class);
    assertThat(codes(d)).containsExactly(ReasonCode.CAPABILITY_NOT_GRANTED);
    assertThat(d.reasons().get(0).message()).contains("delete:documents");
  }

  @ParameterizedTest
  @ValueSource(strings = {"sample.json", "sample.yaml"})
  void aGrantedWriteToTheReadOnlyConnectorIsDenied(String file) {
    Decision d = engine(file).decide(request("summarizer-1", "write:summaries", "s3", null));
    assertThat(d).isInstanceOf(Decision.Deny.class);
    assertThat(codes(d)).containsExactly(ReasonCode.CONNECTOR_READ_ONLY);
    assertThat(d.reasons().get(0).message()).contains("'s3'", "read-only", "policy-agent-summarizer@1");
  }

  @ParameterizedTest
  @ValueSource(strings = {"sample.json", "sample.yaml"})
  void the31stDatabaseCallInAMinuteIsRateLimitedWithAnExactRetryAfter(String file) {
    PolicyEngine engine = engine(file);
    DecisionRequest call = request("summarizer-1", "write:summaries", "db", null);
    for (int i = 1; i <= 30; i++) {
      assertThat(engine.decide(call).outcome()).as("call %d", i).isEqualTo(Outcome.ALLOW);
    }
    Decision limited = engine.decide(call);
    assertThat(limited).isInstanceOf(Decision.RateLimited.class);
    assertThat(limited.retryAfterMs()).isEqualTo(2000L);
    assertThat(codes(limited)).containsExactly(ReasonCode.RATE_LIMITED);
    assertThat(limited.reasons().get(0).message()).contains("30 calls a minute");

    clock.advance(Duration.ofMillis(1999));
    assertThat(engine.decide(call).retryAfterMs()).isEqualTo(1L);
    clock.advance(Duration.ofMillis(1));
    assertThat(engine.decide(call).outcome()).isEqualTo(Outcome.ALLOW);
    assertThat(engine.decide(call).retryAfterMs()).isEqualTo(2000L);
    // the other connector and another agent have buckets of their own
    assertThat(engine.decide(request("summarizer-1", "read:documents", "s3", null)).outcome())
        .isEqualTo(Outcome.ALLOW);
    assertThat(engine.decide(request("summarizer-2", "write:summaries", "db", null)).outcome())
        .isEqualTo(Outcome.ALLOW);
  }

  @ParameterizedTest
  @ValueSource(strings = {"sample.json", "sample.yaml"})
  void aSixtyMegabyteWriteNeedsApproval(String file) {
    Decision d = engine(file).decide(request("summarizer-1", "write:summaries", "db", Map.of("size_mb", 60)));
    assertThat(d).isInstanceOf(Decision.RequireApproval.class);
    assertThat(codes(d)).containsExactly(ReasonCode.APPROVAL_THRESHOLD);
    assertThat(d.reasons().get(0).message()).contains("size_mb 60", "write:size_mb = 50");
    PolicyEngine engine = engine(file);
    assertThat(engine.decide(request("a", "write:summaries", "db", Map.of("size_mb", 50))).outcome())
        .as("at the threshold is not above it")
        .isEqualTo(Outcome.ALLOW);
    assertThat(engine.decide(request("a", "read:documents", "s3", Map.of("size_mb", 500))).outcome())
        .as("a read is no write")
        .isEqualTo(Outcome.ALLOW);
  }

  @ParameterizedTest
  @ValueSource(strings = {"sample.json", "sample.yaml"})
  void aWriteToAnExternalDomainNeedsApproval(String file) {
    Decision d =
        engine(file).decide(request("summarizer-1", "write:summaries", "db", Map.of("external_domain", "example.org")));
    assertThat(d).isInstanceOf(Decision.RequireApproval.class);
    assertThat(codes(d)).containsExactly(ReasonCode.APPROVAL_THRESHOLD);
    assertThat(d.reasons().get(0).message()).contains("external_domain", "example.org");
    assertThat(engine(file).decide(request("s", "write:summaries", "db", Map.of("external_domain", false))).outcome())
        .isEqualTo(Outcome.ALLOW);
  }

  @ParameterizedTest
  @ValueSource(strings = {"sample.json", "sample.yaml"})
  void approvalsAndDenialsSpendNoRateToken(String file) {
    PolicyEngine engine = engine(file);
    for (int i = 0; i < 40; i++) {
      engine.decide(request("s", "write:summaries", "db", Map.of("size_mb", 60)));
      engine.decide(request("s", "delete:summaries", "db", null));
    }
    for (int i = 1; i <= 30; i++) {
      assertThat(engine.decide(request("s", "write:summaries", "db", null)).outcome()).isEqualTo(Outcome.ALLOW);
    }
  }
}
