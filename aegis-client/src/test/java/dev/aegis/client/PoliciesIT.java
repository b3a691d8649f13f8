package dev.aegis.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.aegis.server.AegisServer;
import dev.aegis.server.config.ConfigLoader;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Policies through the SDK against a real server with a real SQLite file: apply, read, versions, diff, rollback,
 * delete, validate and simulate, and their refusals. The server's clock stands still.
 */
@Timeout(120)
class PoliciesIT {
  static final String SAMPLE_ID = "policy-agent-summarizer";
  /** The product brief's policy, verbatim. */
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
  static final String SAMPLE_YAML = """
      # the same policy, in YAML, with a lower size threshold
      policy_id: policy-agent-summarizer
      capabilities: [read:documents, write:summaries]
      connectors:
        s3: {role: read-only, rate_limit_per_min: 120}
        db: {role: write-limited, rate_limit_per_min: 30}
      approval_thresholds:
        "write:size_mb": 40
        "write:external_domain": [requires_approval]
      """;
  private static final AtomicInteger NAMES = new AtomicInteger();

  @TempDir static Path dataDir;

  private static AegisServer server;
  private static AegisClient system;

  private AegisClient admin;
  private AegisClient agent;
  private AegisClient approver;

  @BeforeAll
  static void start() {
    server = AegisServer.start(
        ConfigLoader.load(null, Map.of(),
            Map.of("server.port", "0", "data.dir", dataDir.toString(), "log.level", "warn")),
        Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC));
    system = AegisClient.builder().baseUrl(server.baseUri()).apiKey(server.adminKey()).build();
  }

  @AfterAll
  static void stop() {
    if (system != null) {
      system.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @BeforeEach
  void newTenant() {
    String tenant = "t-" + NAMES.incrementAndGet();
    system.tenants().create(tenant);
    admin = system.withApiKey(system.keys().create(tenant, "boss", Role.ADMIN, Role.OPERATOR).secret());
    agent = system.withApiKey(system.keys().create(tenant, "bot", Role.AGENT).secret());
    approver = system.withApiKey(system.keys().create(tenant, "approver", Role.APPROVER).secret());
  }

  private static AegisApiException problem(Supplier<?> call) {
    return catchThrowableOfType(AegisApiException.class, call::get);
  }

  private static AegisApiException problem(Runnable call) {
    return catchThrowableOfType(AegisApiException.class, call::run);
  }

  @Test
  void appliesReadsVersionsDiffsRollsBackAndDeletesAPolicy() {
    AppliedPolicy created = admin.policies().apply(SAMPLE_ID, SAMPLE_JSON, SourceFormat.JSON,
        ApplyOptions.none().withComment("the brief's policy").onlyIfNew());

    assertThat(created.changed()).isTrue();
    Policy v1 = created.policy();
    assertThat(v1.ref()).isEqualTo(SAMPLE_ID + "@1");
    assertThat(v1.change()).isEqualTo(Policy.CREATE);
    assertThat(v1.sourceFormat()).isEqualTo("json");
    assertThat(v1.comment()).isEqualTo("the brief's policy");
    assertThat(v1.actor()).startsWith("key_");
    assertThat(v1.digest()).hasSize(64);
    assertThat(v1.document().at("/connectors/db/rate_limit_per_min").asInt()).isEqualTo(30);
    assertThat(v1.document().at("/approval_thresholds/write:external_domain/0").asText())
        .isEqualTo("requires_approval");

    AppliedPolicy again = admin.policies().apply(SAMPLE_ID, SAMPLE_JSON, SourceFormat.JSON);
    assertThat(again.changed()).as("the same document stores nothing").isFalse();
    assertThat(again.policy().version()).isEqualTo(1);

    Policy v2 = admin.policies().apply(SAMPLE_ID, SAMPLE_YAML, SourceFormat.YAML,
        ApplyOptions.none().ifVersion(1)).policy();
    assertThat(v2.version()).isEqualTo(2);
    assertThat(v2.change()).isEqualTo(Policy.UPDATE);
    assertThat(v2.sourceFormat()).isEqualTo("yaml");

    Policy current = approver.policies().get(SAMPLE_ID);
    assertThat(current.version()).isEqualTo(2);
    assertThat(current.document().at("/approval_thresholds/write:size_mb").asInt()).isEqualTo(40);
    assertThat(approver.policies().get(SAMPLE_ID, 1).digest()).isEqualTo(v1.digest());
    PolicySource yaml = approver.policies().source(SAMPLE_ID);
    assertThat(yaml.text()).isEqualTo(SAMPLE_YAML);
    assertThat(yaml.format()).isEqualTo(SourceFormat.YAML);
    assertThat(yaml.version()).isEqualTo(2);
    PolicySource json = approver.policies().source(SAMPLE_ID, 1);
    assertThat(json.text()).isEqualTo(SAMPLE_JSON);
    assertThat(json.format()).isEqualTo(SourceFormat.JSON);
    assertThat(json.version()).isEqualTo(1);

    PolicyDiff diff = approver.policies().diff(SAMPLE_ID);
    assertThat(diff.fromVersion()).isEqualTo(1);
    assertThat(diff.toVersion()).isEqualTo(2);
    assertThat(diff.changes()).singleElement().satisfies(change -> {
      assertThat(change.kind()).isEqualTo("changed");
      assertThat(change.pointer()).isEqualTo("/approval_thresholds/write:size_mb");
      assertThat(change.before().asInt()).isEqualTo(50);
      assertThat(change.after().asInt()).isEqualTo(40);
    });

    AppliedPolicy rolledBack = admin.policies().rollback(SAMPLE_ID, 1, "40 MB was too strict");
    Policy v3 = rolledBack.policy();
    assertThat(v3.version()).isEqualTo(3);
    assertThat(v3.change()).isEqualTo(Policy.ROLLBACK);
    assertThat(v3.rolledBackFrom()).isEqualTo(1);
    assertThat(v3.digest()).isEqualTo(v1.digest());
    assertThat(approver.policies().diff(SAMPLE_ID, 1, 3).changes()).isEmpty();
    assertThat(approver.policies().diff(SAMPLE_ID, 2, 3).changes()).singleElement()
        .satisfies(change -> assertThat(change.after().asInt()).isEqualTo(50));

    admin.policies().apply("other", "{\"policy_id\": \"other\", \"capabilities\": [\"read:*\"]}", SourceFormat.JSON);
    Page<Policy> first = approver.policies().list(PageQuery.first(1));
    assertThat(first.items()).extracting(Policy::ref).containsExactly("other@1");
    assertThat(first.items().getFirst().document()).as("lists leave the document out").isNull();
    assertThat(approver.policies().listAll().map(Policy::ref)).containsExactly("other@1", SAMPLE_ID + "@3");

    admin.policies().delete(SAMPLE_ID);
    assertThat(problem(() -> approver.policies().get(SAMPLE_ID)).status()).isEqualTo(404);
    assertThat(approver.policies().listAll().map(Policy::policyId)).containsExactly("other");
    List<Policy> history = approver.policies().historyAll(SAMPLE_ID).toList();
    assertThat(history).extracting(Policy::version).containsExactly(4, 3, 2, 1);
    assertThat(history.getFirst().isDeletion()).isTrue();
    assertThat(history.getFirst().sourceFormat()).isNull();
    Page<Policy> page = approver.policies().history(SAMPLE_ID, PageQuery.first(3));
    assertThat(page.items()).extracting(Policy::version).containsExactly(4, 3, 2);
    assertThat(approver.policies().history(SAMPLE_ID, PageQuery.first(3).after(page.nextCursor())).items())
        .extracting(Policy::change).containsExactly(Policy.CREATE);
    assertThat(problem(() -> approver.policies().source(SAMPLE_ID, 4)).status()).isEqualTo(404);
    assertThat(problem(() -> admin.policies().delete(SAMPLE_ID)).status()).isEqualTo(404);
    assertThat(problem(() -> approver.policies().history("never", PageQuery.first())).status()).isEqualTo(404);
  }

  @Test
  void anInvalidPolicyIsRefusedWithAPointerPerErrorAndNothingIsStored() {
    String broken = """
        policy_id: policy-agent-summarizer
        capabilities: [read:documents, summaries]
        connectors:
          s3: {role: read-mostly}
        colour: red
        """;

    AegisApiException invalid = problem(() -> admin.policies().apply(SAMPLE_ID, broken, SourceFormat.YAML));

    assertThat(invalid.status()).isEqualTo(422);
    assertThat(invalid.kind()).isEqualTo("validation");
    assertThat(invalid.errors()).extracting(FieldError::pointer)
        .containsExactlyInAnyOrder("/capabilities/1", "/connectors/s3/role", "/colour");
    assertThat(invalid.errors()).allSatisfy(e -> assertThat(e.detail()).isNotBlank());
    assertThat(invalid.requestId()).isNotBlank();
    assertThat(problem(() -> admin.policies().get(SAMPLE_ID)).status()).as("nothing stored").isEqualTo(404);

    AegisApiException notValid = problem(() -> admin.policies().validate(broken, SourceFormat.YAML));
    assertThat(notValid.status()).isEqualTo(422);
    assertThat(notValid.errors()).extracting(FieldError::pointer).contains("/connectors/s3/role");
    PolicyValidation valid = approver.policies().validate(SAMPLE_YAML, SourceFormat.YAML);
    assertThat(valid.valid()).isTrue();
    assertThat(valid.policyId()).isEqualTo(SAMPLE_ID);
    assertThat(valid.document().at("/approval_thresholds/write:size_mb").asInt()).isEqualTo(40);
    assertThat(problem(() -> admin.policies().get(SAMPLE_ID)).status()).as("validating stores nothing")
        .isEqualTo(404);

    AegisApiException otherId = problem(() -> admin.policies().apply("another-id", SAMPLE_JSON, SourceFormat.JSON));
    assertThat(otherId.status()).isEqualTo(422);
    assertThat(otherId.errors()).extracting(FieldError::pointer).containsExactly("/policy_id");
  }

  @Test
  void aStaleVersionIsRefusedWith412AndOnlyAdminsChangePolicies() {
    admin.policies().apply(SAMPLE_ID, SAMPLE_JSON, SourceFormat.JSON);
    admin.policies().apply(SAMPLE_ID, SAMPLE_YAML, SourceFormat.YAML);

    AegisApiException stale = problem(() -> admin.policies().apply(SAMPLE_ID, SAMPLE_JSON, SourceFormat.JSON,
        ApplyOptions.none().ifVersion(1)));
    assertThat(stale.status()).isEqualTo(412);
    assertThat(stale.kind()).isEqualTo("precondition-failed");
    assertThat(stale.detail()).contains("expected version 1", "latest version is 2");
    AegisApiException exists = problem(() -> admin.policies().apply(SAMPLE_ID, SAMPLE_JSON, SourceFormat.JSON,
        ApplyOptions.none().onlyIfNew()));
    assertThat(exists.status()).isEqualTo(412);
    assertThat(admin.policies().get(SAMPLE_ID).version()).as("nothing stored").isEqualTo(2);

    AegisApiException forbidden = problem(() -> approver.policies().apply(SAMPLE_ID, SAMPLE_JSON, SourceFormat.JSON));
    assertThat(forbidden.status()).isEqualTo(403);
    assertThat(problem(() -> approver.policies().rollback(SAMPLE_ID, 1, null)).status()).isEqualTo(403);
    assertThat(problem(() -> agent.policies().get(SAMPLE_ID)).status()).isEqualTo(403);
    assertThat(problem(() -> admin.policies().rollback(SAMPLE_ID, 9, null)).status()).isEqualTo(404);
  }

  @Test
  void aSimulationReplaysTheLogAgainstACandidateAndStoresNothing() {
    admin.policies().apply(SAMPLE_ID, SAMPLE_JSON, SourceFormat.JSON);
    DecisionRequest write = DecisionRequest.of("summarizer-1", "write:summaries").withConnector("db");
    agent.decisions().decideAll(List.of(write, write.withAttribute("size_mb", 45), write.withAttribute("size_mb", 45),
        DecisionRequest.of("summarizer-1", "read:reports").withConnector("s3")));
    String candidate = SAMPLE_YAML.replace("capabilities: [read:documents, write:summaries]",
        "capabilities: [read:documents, read:reports, write:summaries]");

    PolicySimulation report = approver.policies().simulate(SAMPLE_ID, candidate, SourceFormat.YAML, "24h");

    assertThat(report.policyId()).isEqualTo(SAMPLE_ID);
    assertThat(report.replayed()).isEqualTo(4);
    assertThat(report.changed()).isEqualTo(3);
    assertThat(report.until()).isEqualTo(Instant.parse("2026-11-25T12:00:00Z"));
    assertThat(report.since()).isEqualTo(Instant.parse("2026-11-24T12:00:00Z"));
    assertThat(report.truncated()).isFalse();
    assertThat(report.byChange()).containsExactly(
        new PolicySimulation.Transition(Decision.ALLOW, Decision.REQUIRE_APPROVAL, 2),
        new PolicySimulation.Transition(Decision.DENY, Decision.ALLOW, 1));
    assertThat(report.examples()).filteredOn(e -> e.to().equals(Decision.ALLOW)).singleElement().satisfies(e -> {
      assertThat(e.action()).isEqualTo("read:reports");
      assertThat(e.connector()).isEqualTo("s3");
      assertThat(e.reasons()).extracting(Reason::code).containsExactly("capability_granted");
    });
    assertThat(admin.policies().get(SAMPLE_ID).version()).as("nothing stored").isEqualTo(1);

    AegisApiException invalid = problem(() -> approver.policies().simulate(SAMPLE_ID, "policy_id: " + SAMPLE_ID
        + "\ncapabilities: [nope]\n", SourceFormat.YAML, null));
    assertThat(invalid.status()).isEqualTo(422);
    assertThat(invalid.errors()).extracting(FieldError::pointer).containsExactly("/capabilities/0");
    AegisApiException badSince = problem(() -> approver.policies().simulate(SAMPLE_ID, candidate, SourceFormat.YAML,
        "forever"));
    assertThat(badSince.status()).isEqualTo(400);
    assertThat(badSince.errors()).extracting(FieldError::parameter).containsExactly("since");
    assertThat(problem(() -> agent.policies().simulate(SAMPLE_ID, candidate, SourceFormat.YAML, null)).status())
        .isEqualTo(403);
  }

}
