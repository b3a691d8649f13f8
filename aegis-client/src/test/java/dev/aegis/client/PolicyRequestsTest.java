package dev.aegis.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the policy, decision and rate-cap calls put on the wire, and how they read answers, on a loopback server. */
class PolicyRequestsTest {
  private static final String APPLIED = """
      {"changed": true, "policy": {"policy_id": "p", "version": 4, "ref": "p@4", "change": "update",
       "digest": "ab", "source_format": "yaml", "actor": "key_1", "created_at": "2026-11-25T12:00:00Z",
       "document": {"policy_id": "p"}}}""";

  private final LoopbackServer server = new LoopbackServer();
  private final AegisClient client =
      AegisClient.builder().baseUrl(server.url()).apiKey("aegis_test").timeout(Duration.ofSeconds(5)).build();

  @AfterEach
  void close() {
    client.close();
    server.close();
  }

  @Test
  void applySendsTheTextVerbatimWithItsMediaTypeCommentAndExpectedVersion() {
    server.answer(200, "application/json", APPLIED);
    String yaml = "# kept as written\npolicy_id: p\ncapabilities: [read:*]\n";

    AppliedPolicy applied = client.policies().apply("p", yaml, SourceFormat.YAML,
        ApplyOptions.none().withComment("raise & test").ifVersion(3));

    LoopbackServer.Seen seen = server.last();
    assertThat(seen.method()).isEqualTo("PUT");
    assertThat(seen.uri().getRawPath()).isEqualTo("/api/v1/policies/p");
    assertThat(seen.uri().getRawQuery()).isEqualTo("comment=raise+%26+test");
    assertThat(seen.headers().getFirst("Content-Type")).isEqualTo("application/yaml; charset=utf-8");
    assertThat(seen.headers().getFirst("If-Match")).isEqualTo("\"3\"");
    assertThat(seen.headers().containsKey("If-None-Match")).isFalse();
    assertThat(seen.body()).isEqualTo(yaml);
    assertThat(applied.changed()).isTrue();
    assertThat(applied.policy().ref()).isEqualTo("p@4");
    assertThat(applied.policy().document().path("policy_id").asText()).isEqualTo("p");
  }

  @Test
  void onlyIfNewSendsIfNoneMatchAndAPlainApplyNoPrecondition() {
    server.answer(201, "application/json", APPLIED);

    client.policies().apply("p", "{}", SourceFormat.JSON, ApplyOptions.none().onlyIfNew());
    assertThat(server.last().headers().getFirst("If-None-Match")).isEqualTo("*");
    assertThat(server.last().headers().containsKey("If-Match")).isFalse();
    assertThat(server.last().headers().getFirst("Content-Type")).startsWith("application/json");

    client.policies().apply("p", "{}", SourceFormat.JSON);
    assertThat(server.last().headers().containsKey("If-None-Match")).isFalse();
    assertThat(server.last().uri().getRawQuery()).isNull();
  }

  @Test
  void sourceReadsTheTextItsFormatAndTheVersionFromTheETag() {
    server.answer(200, "application/yaml; charset=utf-8", "policy_id: p\n").header("ETag", "\"7\"");

    PolicySource source = client.policies().source("p", 7);

    assertThat(server.last().uri().getRawPath()).isEqualTo("/api/v1/policies/p/source");
    assertThat(server.last().uri().getRawQuery()).isEqualTo("version=7");
    assertThat(source).isEqualTo(new PolicySource("policy_id: p\n", SourceFormat.YAML, 7));
  }

  @Test
  void simulateSendsTheCandidateAndReadsCountsAndExamples() {
    server.answer(200, "application/json", """
        {"policy_id": "p", "since": "2026-11-24T12:00:00Z", "until": "2026-11-25T12:00:00Z",
         "replayed": 120, "changed": 3, "by_change": [{"from": "allow", "to": "deny", "count": 3}],
         "examples": [{"decision_id": "dec_1", "at": "2026-11-25T11:00:00Z", "agent_id": "a",
           "action": "write:summaries", "connector": "db", "from": "allow", "to": "deny",
           "reasons": [{"code": "capability_not_granted", "message": "not granted"}]}],
         "truncated": false, "something_new": 1}""");

    PolicySimulation report = client.policies().simulate("p", "policy_id: p\n", SourceFormat.YAML, "24h");

    LoopbackServer.Seen seen = server.last();
    assertThat(seen.method()).isEqualTo("POST");
    assertThat(seen.uri().getRawPath()).isEqualTo("/api/v1/policies/p/simulate");
    assertThat(seen.uri().getRawQuery()).isEqualTo("since=24h");
    assertThat(seen.body()).isEqualTo("policy_id: p\n");
    assertThat(report.replayed()).isEqualTo(120);
    assertThat(report.since()).isEqualTo(Instant.parse("2026-11-24T12:00:00Z"));
    assertThat(report.byChange()).containsExactly(new PolicySimulation.Transition("allow", "deny", 3));
    assertThat(report.examples()).singleElement().satisfies(e -> {
      assertThat(e.decisionId()).isEqualTo("dec_1");
      assertThat(e.reasons()).extracting(Reason::code).containsExactly("capability_not_granted");
    });
  }

  @Test
  void effectivePolicyRepeatsTheLabelParameter() {
    server.answer(200, "application/json", "{\"agent_id\": \"a b\", \"effective\": {\"policies\": [\"p@1\"]}}");

    EffectivePolicy effective = client.agents().effectivePolicy("a b", "triage",
        new java.util.LinkedHashMap<>(Map.of("team", "support")));

    assertThat(server.last().uri().getRawPath()).isEqualTo("/api/v1/agents/a%20b/effective-policy");
    assertThat(server.last().uri().getRawQuery()).isEqualTo("task_type=triage&label=team%3Dsupport");
    assertThat(effective.effective().policies()).containsExactly("p@1");
    assertThat(effective.effective().capabilities()).isEmpty();
  }

  @Test
  void aDecisionRequestLeavesEmptyFieldsOutAndABatchWrapsTheRequests() throws Exception {
    server.answer(200, "application/json", "{\"decisions\": [{\"decision_id\": \"dec_1\", \"outcome\": \"deny\"}]}");

    List<Decision> decided = client.decisions().decideAll(List.of(
        DecisionRequest.of("a", "write:summaries").withConnector("db").withAttribute("size_mb", 60)));

    assertThat(Transport.MAPPER.readTree(server.last().body())).isEqualTo(Transport.MAPPER.readTree(
        "{\"requests\": [{\"agent_id\": \"a\", \"action\": \"write:summaries\", \"connector\": \"db\","
            + " \"attributes\": {\"size_mb\": 60}}]}"));
    assertThat(server.last().uri().getRawPath()).isEqualTo("/api/v1/decisions/batch");
    assertThat(decided).singleElement().satisfies(d -> {
      assertThat(d.allowed()).isFalse();
      assertThat(d.reasons()).isEmpty();
      assertThat(d.retryAfterMs()).isNull();
    });
  }

  @Test
  void theDecisionLogFilterBecomesQueryParameters() {
    server.answer(200, "application/json", "{\"items\": [], \"next_cursor\": null}");

    client.decisions().list(DecisionFilter.any().withAgent("a").withOutcome(Decision.DENY)
        .withFrom(Instant.parse("2026-11-25T00:00:00Z")), PageQuery.first(5).after("c1"));

    assertThat(server.last().uri().getQuery())
        .isEqualTo("agent_id=a&outcome=deny&from=2026-11-25T00:00:00Z&limit=5&cursor=c1");
  }
}
