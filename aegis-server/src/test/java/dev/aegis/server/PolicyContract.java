package dev.aegis.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Policies, decisions, the decision log, effective policies and rate-cap overrides through the API of a real
 * server, with the brief's policy verbatim. Run once per database.
 */
abstract class PolicyContract {
  static final String POLICIES = "/api/v1/policies";
  static final String SAMPLE_ID = "policy-agent-summarizer";
  static final String SAMPLE_JSON = """
      {
        "policy_id": "policy-agent-summarizer",
        "capabilities": ["read:documents", "write:summaries"],
        "connectors": {
          "s3": { "role": "read-only", "rate_limit_per_min": 120 },
          "db": { "role": "write-limited", "rate_limit_per_min": 30 }
        },
        "approval_thresholds": {
          "write:size_mb": 50,
          "write:external_domain": ["requires_approval"]
        }
      }
      """;
  static final String SAMPLE_YAML_WITH_DENY = """
      policy_id: policy-agent-summarizer
      capabilities:
        - read:documents
        - write:summaries
      connectors:
        s3:
          role: read-only
          rate_limit_per_min: 120
        db:
          role: write-limited
          rate_limit_per_min: 20
      approval_thresholds:
        write:size_mb: 50
        write:external_domain:
          - requires_approval
      """;

  @TempDir Path dataDir;
  MutableClock clock = new MutableClock(Instant.parse("2026-11-25T12:00:00.000Z"));
  TestServer api;
  String admin;
  String operator;
  String agent;
  String otherAdmin;

  abstract Map<String, String> databaseSettings();

  @BeforeEach
  void startServer() {
    api = TestServer.start(dataDir, databaseSettings(), clock);
    api.createTenant("acme");
    api.createTenant("globex");
    admin = api.createKey("acme", "admin", "admin").path("secret").asText();
    operator = api.createKey("acme", "on-call", "operator").path("secret").asText();
    agent = api.createKey("acme", "summarizer", "agent").path("secret").asText();
    otherAdmin = api.createKey("globex", "admin", "admin").path("secret").asText();
  }

  @AfterEach
  void stopServer() {
    api.close();
  }

  @Test
  void theBriefsPolicyIsStoredVerbatimThenVersionedDiffedRolledBackAndDeleted() {
    Response created = api.put(POLICIES + "/" + SAMPLE_ID, admin, SAMPLE_JSON).assertStatus(201);
    assertThat(created.header("Location")).isEqualTo(POLICIES + "/" + SAMPLE_ID);
    assertThat(created.header("ETag")).isEqualTo("\"1\"");
    JsonNode v1 = created.json();
    assertThat(v1.path("changed").asBoolean()).isTrue();
    assertThat(v1.at("/policy/version").asInt()).isEqualTo(1);
    assertThat(v1.at("/policy/change").asText()).isEqualTo("create");
    assertThat(v1.at("/policy/ref").asText()).isEqualTo(SAMPLE_ID + "@1");
    assertThat(v1.at("/policy/document/connectors/db/rate_limit_per_min").asInt()).isEqualTo(30);
    assertThat(v1.at("/policy/document/approval_thresholds/write:external_domain/0").asText())
        .isEqualTo("requires_approval");

    Response again = api.put(POLICIES + "/" + SAMPLE_ID, admin, SAMPLE_JSON).assertStatus(200);
    assertThat(again.json().path("changed").asBoolean()).isFalse();
    assertThat(again.json().at("/policy/version").asInt()).isEqualTo(1);

    clock.advance(Duration.ofMinutes(1));
    Response v2 = putYaml(SAMPLE_ID, SAMPLE_YAML_WITH_DENY, admin, "lower the db cap").assertStatus(200);
    assertThat(v2.json().at("/policy/version").asInt()).isEqualTo(2);
    assertThat(v2.json().at("/policy/change").asText()).isEqualTo("update");
    assertThat(v2.json().at("/policy/source_format").asText()).isEqualTo("yaml");
    assertThat(v2.json().at("/policy/comment").asText()).isEqualTo("lower the db cap");

    Response source = api.get(POLICIES + "/" + SAMPLE_ID + "/source", operator).assertStatus(200);
    assertThat(source.header("Content-Type")).startsWith("application/yaml");
    assertThat(source.body()).isEqualTo(SAMPLE_YAML_WITH_DENY);

    JsonNode diff = api.get(POLICIES + "/" + SAMPLE_ID + "/diff", operator).assertStatus(200).json();
    assertThat(diff.path("from_version").asInt()).isEqualTo(1);
    assertThat(diff.path("to_version").asInt()).isEqualTo(2);
    assertThat(diff.path("changes")).hasSize(1);
    assertThat(diff.at("/changes/0/pointer").asText()).isEqualTo("/connectors/db/rate_limit_per_min");
    assertThat(diff.at("/changes/0/before").asInt()).isEqualTo(30);
    assertThat(diff.at("/changes/0/after").asInt()).isEqualTo(20);

    Response rolledBack = api.post(POLICIES + "/" + SAMPLE_ID + "/rollback", admin,
        "{\"to_version\": 1, \"comment\": \"20 is too low\"}").assertStatus(200);
    assertThat(rolledBack.json().at("/policy/version").asInt()).isEqualTo(3);
    assertThat(rolledBack.json().at("/policy/change").asText()).isEqualTo("rollback");
    assertThat(rolledBack.json().at("/policy/rolled_back_from").asInt()).isEqualTo(1);
    assertThat(rolledBack.json().at("/policy/digest").asText()).isEqualTo(v1.at("/policy/digest").asText());

    JsonNode history = api.get(POLICIES + "/" + SAMPLE_ID + "/versions", operator).assertStatus(200).json();
    List<Integer> versions = new ArrayList<>();
    history.path("items").forEach(v -> versions.add(v.path("version").asInt()));
    assertThat(versions).containsExactly(3, 2, 1);
    assertThat(history.at("/items/0/document").isMissingNode()).isTrue();

    JsonNode list = api.get(POLICIES, operator).assertStatus(200).json();
    assertThat(list.path("items")).hasSize(1);
    assertThat(list.at("/items/0/ref").asText()).isEqualTo(SAMPLE_ID + "@3");

    api.delete(POLICIES + "/" + SAMPLE_ID, admin).assertStatus(204);
    api.get(POLICIES + "/" + SAMPLE_ID, operator).assertProblem(404, "not-found", SAMPLE_ID);
    assertThat(api.get(POLICIES, operator).json().path("items")).isEmpty();
    assertThat(api.get(POLICIES + "/" + SAMPLE_ID + "?version=2", operator).assertStatus(200)
        .json().path("version").asInt()).isEqualTo(2);
    assertThat(api.get(POLICIES + "/" + SAMPLE_ID + "/versions", operator).json().path("items")).hasSize(4);
    api.get(POLICIES + "/" + SAMPLE_ID, otherAdmin).assertProblem(404, "not-found", SAMPLE_ID);
  }

  @Test
  void anInvalidPolicyIsRefusedWithEveryErrorAndNothingIsStored() {
    Response refused = api.put(POLICIES + "/broken", admin, """
        {"policy_id": "broken", "capabilitys": ["read:documents"],
         "connectors": {"s3": {"role": "read-mostly", "rate_limit_per_min": -1}},
         "rules": [{"id": "r1", "when": "request.attributes.size_mb >", "effect": "deny"}]}
        """);
    refused.assertProblem(422, "validation", "not valid");
    assertThat(refused.errorLocations()).contains("/capabilitys", "/connectors/s3/role",
        "/connectors/s3/rate_limit_per_min", "/rules/0/when");
    assertThat(refused.errorAt("/capabilitys")).contains("capabilities");
    api.get(POLICIES + "/broken", admin).assertProblem(404, "not-found", "broken");
    api.get(POLICIES + "/broken/versions", admin).assertProblem(404, "not-found", "broken");

    Response syntax = putYaml("broken", "policy_id: broken\ncapabilities: [read:documents\n", admin, null);
    syntax.assertProblem(422, "validation", "line");

    api.put(POLICIES + "/other-id", admin, SAMPLE_JSON).assertProblem(422, "validation", "policy_id");
    api.send(api.request(POLICIES + "/" + SAMPLE_ID, admin).header("Content-Type", "text/plain")
        .PUT(HttpRequest.BodyPublishers.ofString(SAMPLE_JSON))).assertProblem(415, "unsupported-media-type", "yaml");
    api.post(POLICIES + "/validate", operator, "{\"policy_id\": \"x\", \"capabilities\": [\"read\"]}")
        .assertProblem(422, "validation", "capabilities");
    assertThat(api.post(POLICIES + "/validate", operator, SAMPLE_JSON).assertStatus(200).json()
        .path("valid").asBoolean()).isTrue();
    assertThat(api.get(POLICIES, admin).json().path("items")).isEmpty();
  }

  @Test
  void writesNeedTheAdminRoleAndStaleVersionsAreRefused() {
    api.put(POLICIES + "/" + SAMPLE_ID, operator, SAMPLE_JSON).assertProblem(403, "forbidden", "admin");
    api.get(POLICIES, agent).assertProblem(403, "forbidden", "Reading policies");
    api.put(POLICIES + "/" + SAMPLE_ID, admin, SAMPLE_JSON).assertStatus(201);

    Response stale = api.send(api.request(POLICIES + "/" + SAMPLE_ID, admin)
        .header("Content-Type", "application/yaml").header("If-Match", "\"7\"")
        .PUT(HttpRequest.BodyPublishers.ofString(SAMPLE_YAML_WITH_DENY)));
    stale.assertProblem(412, "precondition-failed", "latest version is 1");
    Response exists = api.send(api.request(POLICIES + "/" + SAMPLE_ID, admin)
        .header("Content-Type", "application/yaml").header("If-None-Match", "*")
        .PUT(HttpRequest.BodyPublishers.ofString(SAMPLE_YAML_WITH_DENY)));
    exists.assertProblem(412, "precondition-failed", "expected version 0");
    Response matching = api.send(api.request(POLICIES + "/" + SAMPLE_ID, admin)
        .header("Content-Type", "application/yaml").header("If-Match", "\"1\"")
        .PUT(HttpRequest.BodyPublishers.ofString(SAMPLE_YAML_WITH_DENY)));
    assertThat(matching.assertStatus(200).json().at("/policy/version").asInt()).isEqualTo(2);
  }

  @Test
  void theBriefsPolicyGivesEachOutcomeAndTheLogKeepsThem() {
    api.put(POLICIES + "/" + SAMPLE_ID, admin, SAMPLE_JSON).assertStatus(201);

    JsonNode read = decide("{\"agent_id\": \"summarizer-1\", \"action\": \"read:documents\", \"connector\": \"s3\"}");
    assertThat(read.path("outcome").asText()).isEqualTo("allow");
    assertThat(read.path("policies").toString()).isEqualTo("[\"" + SAMPLE_ID + "@1\"]");
    assertThat(read.path("decision_id").asText()).startsWith("dec_");

    assertThat(decide("{\"agent_id\": \"summarizer-1\", \"action\": \"write:summaries\", \"connector\": \"db\"}")
        .path("outcome").asText()).isEqualTo("allow");

    JsonNode readOnly = decide("{\"agent_id\": \"summarizer-1\", \"action\": \"write:summaries\","
        + " \"connector\": \"s3\"}");
    assertThat(readOnly.path("outcome").asText()).isEqualTo("deny");
    assertThat(readOnly.at("/reasons/0/code").asText()).isEqualTo("connector_read_only");

    JsonNode notGranted = decide("{\"agent_id\": \"summarizer-1\", \"action\": \"delete:documents\","
        + " \"connector\": \"db\"}");
    assertThat(notGranted.path("outcome").asText()).isEqualTo("deny");
    assertThat(notGranted.at("/reasons/0/code").asText()).isEqualTo("capability_not_granted");

    JsonNode big = decide("{\"agent_id\": \"summarizer-1\", \"action\": \"write:summaries\", \"connector\": \"db\","
        + " \"attributes\": {\"size_mb\": 60}}");
    assertThat(big.path("outcome").asText()).isEqualTo("require_approval");
    JsonNode external = decide("{\"agent_id\": \"summarizer-1\", \"action\": \"write:summaries\","
        + " \"connector\": \"db\", \"attributes\": {\"external_domain\": \"partner.example\","
        + " \"contact\": \"jane.doe@example.com\"}}");
    assertThat(external.path("outcome").asText()).isEqualTo("require_approval");

    // one db call was allowed above; 29 more fill the cap of 30 a minute, the 31st waits 2 s (the clock stands still)
    for (int i = 0; i < 29; i++) {
      assertThat(decide("{\"agent_id\": \"summarizer-1\", \"action\": \"write:summaries\", \"connector\": \"db\"}")
          .path("outcome").asText()).as("call %d", i + 2).isEqualTo("allow");
    }
    JsonNode limited = decide("{\"agent_id\": \"summarizer-1\", \"action\": \"write:summaries\","
        + " \"connector\": \"db\"}");
    assertThat(limited.path("outcome").asText()).isEqualTo("rate_limited");
    assertThat(limited.path("retry_after_ms").asLong()).isEqualTo(2000);
    assertThat(limited.at("/reasons/0/code").asText()).isEqualTo("rate_limited");
    assertThat(decide("{\"agent_id\": \"summarizer-2\", \"action\": \"write:summaries\", \"connector\": \"db\"}")
        .path("outcome").asText()).as("another agent has its own bucket").isEqualTo("allow");

    awaitLogged(37);
    JsonNode denies = api.get("/api/v1/decisions?outcome=deny", operator).assertStatus(200).json();
    assertThat(denies.path("items")).hasSize(2);
    assertThat(denies.at("/items/0/decision_id").asText()).isEqualTo(notGranted.path("decision_id").asText());
    assertThat(denies.at("/items/0/policies/0").asText()).isEqualTo(SAMPLE_ID + "@1");
    JsonNode logged = api.get("/api/v1/decisions/" + external.path("decision_id").asText(), operator)
        .assertStatus(200).json();
    assertThat(logged.path("outcome").asText()).isEqualTo("require_approval");
    assertThat(logged.at("/attributes/external_domain").asText()).isEqualTo("partner.example");
    assertThat(logged.toString()).doesNotContain("jane.doe@example.com").contains("<EMAIL:");
    assertThat(api.get("/api/v1/decisions?outcome=rate_limited&agent_id=summarizer-1", operator).json()
        .path("items")).hasSize(1);
    assertThat(api.get("/api/v1/decisions?outcome=allow&limit=200", operator).json().path("items")).hasSize(32);
    api.get("/api/v1/decisions", otherAdmin).json().path("items").forEach(item -> {
      throw new AssertionError("another tenant sees " + item);
    });
    api.get("/api/v1/decisions?outcome=maybe", operator).assertProblem(400, "malformed-request", "outcome");
  }

  @Test
  void withoutAPolicyEverythingIsDeniedAndBadRequestsAreRefusedUnlogged() {
    JsonNode none = decide("{\"agent_id\": \"a\", \"action\": \"read:documents\", \"connector\": \"s3\"}");
    assertThat(none.path("outcome").asText()).isEqualTo("deny");
    assertThat(none.at("/reasons/0/code").asText()).isEqualTo("no_policy");

    Response bad = api.post("/api/v1/decisions", agent, "{\"agent_id\": \"\", \"action\": \"delete\","
        + " \"attributes\": [1], \"colour\": \"red\"}");
    bad.assertProblem(422, "validation", "not valid");
    assertThat(bad.errorLocations()).containsExactlyInAnyOrder("/agent_id", "/action", "/attributes", "/colour");
    Response badBatch = api.post("/api/v1/decisions/batch", agent, "{\"requests\": [{\"agent_id\": \"a\","
        + " \"action\": \"read:documents\"}, {\"agent_id\": \"a\"}]}");
    badBatch.assertProblem(422, "validation", "/requests/1/action");
    awaitLogged(1);
    api.post("/api/v1/decisions", api.adminKey(), "{\"agent_id\": \"a\", \"action\": \"read:documents\"}")
        .assertProblem(403, "forbidden", "no tenant");
  }

  @Test
  void aBatchIsDecidedInOrderAndTheEffectivePolicyExplainsItself() {
    api.put(POLICIES + "/" + SAMPLE_ID, admin, SAMPLE_JSON).assertStatus(201);
    JsonNode batch = api.post("/api/v1/decisions/batch", agent, """
        {"requests": [
          {"agent_id": "s", "action": "read:documents", "connector": "s3"},
          {"agent_id": "s", "action": "write:summaries", "connector": "s3"},
          {"agent_id": "s", "action": "write:summaries", "connector": "db", "attributes": {"size_mb": 51}}
        ]}
        """).assertStatus(200).json();
    List<String> outcomes = new ArrayList<>();
    batch.path("decisions").forEach(d -> outcomes.add(d.path("outcome").asText()));
    assertThat(outcomes).containsExactly("allow", "deny", "require_approval");

    JsonNode effective = api.get("/api/v1/agents/s/effective-policy?task_type=summarize", agent)
        .assertStatus(200).json();
    assertThat(effective.path("agent_id").asText()).isEqualTo("s");
    assertThat(effective.at("/effective/policies/0").asText()).isEqualTo(SAMPLE_ID + "@1");
    assertThat(effective.at("/effective/capabilities").toString()).contains("read:documents", "write:summaries");
    assertThat(effective.at("/effective/connectors").toString()).contains("\"read-only\"", "\"write-limited\"");
  }

  @Test
  void anOperatorOverrideReplacesThePolicyCapUntilDeleted() {
    api.put(POLICIES + "/" + SAMPLE_ID, admin, SAMPLE_JSON).assertStatus(201);
    Response created = api.post("/api/v1/rate-caps", operator, "{\"agent_id\": \"s\", \"connector\": \"db\","
        + " \"limit_per_min\": 2, \"expires_in\": \"1h\", \"reason\": \"db under maintenance\"}").assertStatus(201);
    String id = created.json().path("id").asText();
    assertThat(created.json().path("expires_at").asText()).isEqualTo("2026-11-25T13:00:00.000Z");
    String call = "{\"agent_id\": \"s\", \"action\": \"write:summaries\", \"connector\": \"db\"}";
    assertThat(decide(call).path("outcome").asText()).isEqualTo("allow");
    assertThat(decide(call).path("outcome").asText()).isEqualTo("allow");
    JsonNode third = decide(call);
    assertThat(third.path("outcome").asText()).isEqualTo("rate_limited");
    assertThat(third.at("/reasons/0/message").asText()).contains("override");
    assertThat(api.get("/api/v1/rate-caps", operator).json().path("items")).hasSize(1);

    Response zero = api.post("/api/v1/rate-caps", operator,
        "{\"agent_id\": \"s\", \"connector\": \"db\", \"limit_per_min\": 0}");
    zero.assertProblem(422, "validation", "not valid");
    assertThat(zero.errorLocations()).containsExactly("/limit_per_min", "/expires_in");
    api.delete("/api/v1/rate-caps/" + id, operator).assertStatus(204);
    api.delete("/api/v1/rate-caps/" + id, operator).assertProblem(404, "not-found", id);
    assertThat(api.get("/api/v1/rate-caps", operator).json().path("items")).isEmpty();
  }

  @Test
  void aSimulationReplaysTheLogAgainstACandidate() {
    api.put(POLICIES + "/" + SAMPLE_ID, admin, SAMPLE_JSON).assertStatus(201);
    decide("{\"agent_id\": \"s\", \"action\": \"read:documents\", \"connector\": \"s3\"}");
    String s3Write = decide("{\"agent_id\": \"s\", \"agent_labels\": {\"team\": \"docs\"},"
        + " \"action\": \"write:summaries\", \"connector\": \"s3\"}").path("decision_id").asText();
    decide("{\"agent_id\": \"s\", \"action\": \"write:summaries\", \"connector\": \"db\","
        + " \"attributes\": {\"size_mb\": 60}}");
    awaitLogged(3);
    clock.advance(Duration.ofMinutes(5));
    String candidate = SAMPLE_JSON.replace("\"role\": \"read-only\"", "\"role\": \"read-write\"")
        .replace("\"write:size_mb\": 50", "\"write:size_mb\": 100");

    Response simulated = api.post(POLICIES + "/" + SAMPLE_ID + "/simulate?since=1h", operator, candidate);
    JsonNode report = simulated.assertStatus(200).json();
    assertThat(report.path("replayed").asInt()).isEqualTo(3);
    assertThat(report.path("changed").asInt()).isEqualTo(2);
    assertThat(report.path("by_change").toString())
        .contains("{\"from\":\"deny\",\"to\":\"allow\",\"count\":1}")
        .contains("{\"from\":\"require_approval\",\"to\":\"allow\",\"count\":1}");
    assertThat(report.path("examples").toString()).contains(s3Write);
    assertThat(report.at("/examples/0/at").asText()).isEqualTo("2026-11-25T12:00:00.000Z");
    assertThat(report.path("truncated").asBoolean()).isFalse();
    assertThat(api.get(POLICIES + "/" + SAMPLE_ID, operator).json().path("version").asInt())
        .as("a simulation stores nothing").isEqualTo(1);
    assertThat(api.get("/api/v1/decisions/" + s3Write, operator).json().path("agent_labels").path("team").asText())
        .isEqualTo("docs");

    assertThat(api.post(POLICIES + "/" + SAMPLE_ID + "/simulate?since=1m", operator, candidate).json()
        .path("replayed").asInt()).isZero();
    api.post(POLICIES + "/" + SAMPLE_ID + "/simulate?since=90d", operator, candidate)
        .assertProblem(400, "malformed-request", "since");
    api.post(POLICIES + "/other/simulate", operator, candidate).assertProblem(422, "validation", "policy_id");
  }

  @Test
  void aRunsDecisionsShowOnItsTimeline() {
    api.put(POLICIES + "/" + SAMPLE_ID, admin, SAMPLE_JSON).assertStatus(201);
    Otlp.postProtobuf(api, agent, Otlp.request(List.of(Otlp.span(Otlp.hex(16), "summarize")
        .addAttributes(Otlp.attr("run.id", "run-timeline")).build()))).assertStatus(200);
    JsonNode denied = decide("{\"agent_id\": \"s\", \"run_id\": \"run-timeline\", \"action\": \"write:summaries\","
        + " \"connector\": \"s3\"}");
    decide("{\"agent_id\": \"s\", \"run_id\": \"another-run\", \"action\": \"read:documents\", \"connector\": \"s3\"}");
    awaitLogged(2);

    JsonNode timeline = api.get("/api/v1/runs/run-timeline/timeline", operator).assertStatus(200).json();
    List<JsonNode> decisions = new ArrayList<>();
    timeline.path("entries").forEach(e -> {
      if (e.path("details").path("source").asText().equals("decision_log")) {
        decisions.add(e);
      }
    });
    assertThat(decisions).hasSize(1);
    JsonNode entry = decisions.getFirst();
    assertThat(entry.path("type").asText()).isEqualTo("policy_decision");
    assertThat(entry.path("run_id").asText()).isEqualTo("run-timeline");
    assertThat(entry.path("summary").asText()).isEqualTo("deny: write:summaries via s3");
    assertThat(entry.at("/details/decision_id").asText()).isEqualTo(denied.path("decision_id").asText());
    assertThat(entry.at("/details/policies/0").asText()).isEqualTo(SAMPLE_ID + "@1");
    assertThat(timeline.path("entries").size()).as("the span's entries are there too").isGreaterThan(1);
  }

  /** Decisions reach the log a moment after they are answered: waits for this many, then checks there are no more. */
  private void awaitLogged(int count) {
    Await.until(() -> api.get("/api/v1/decisions?limit=200", operator).json().path("items").size(),
        n -> n >= count);
    assertThat(api.get("/api/v1/decisions?limit=200", operator).json().path("items")).hasSize(count);
  }

  private JsonNode decide(String request) {
    return api.post("/api/v1/decisions", agent, request).assertStatus(200).json();
  }

  private Response putYaml(String policyId, String yaml, String key, String comment) {
    String query = comment == null ? "" : "?comment=" + java.net.URLEncoder.encode(comment,
        java.nio.charset.StandardCharsets.UTF_8);
    return api.send(api.request(POLICIES + "/" + policyId + query, key)
        .header("Content-Type", "application/yaml")
        .PUT(HttpRequest.BodyPublishers.ofString(yaml)));
  }
}
