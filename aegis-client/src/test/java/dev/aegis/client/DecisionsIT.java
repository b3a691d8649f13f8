package dev.aegis.client;

import static dev.aegis.client.PoliciesIT.SAMPLE_ID;
import static dev.aegis.client.PoliciesIT.SAMPLE_JSON;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.aegis.server.AegisServer;
import dev.aegis.server.config.ConfigLoader;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
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
 * Decisions, the decision log, effective policies and rate-cap overrides through the SDK against a real server with
 * a real SQLite file. The server's clock stands still, so that rate caps give exact waits.
 */
@Timeout(120)
class DecisionsIT {
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
  void theBriefsPolicyGivesEachOutcomeAndTheLogKeepsThem() throws InterruptedException {
    admin.policies().apply(SAMPLE_ID, SAMPLE_JSON, SourceFormat.JSON);
    DecisionRequest base = DecisionRequest.of("summarizer-1", "write:summaries").withConnector("db")
        .withRun("run-7").withTaskType("summarize");

    Decision read = agent.decisions().decide(DecisionRequest.of("summarizer-1", "read:documents").withConnector("s3"));
    assertThat(read.outcome()).isEqualTo(Decision.ALLOW);
    assertThat(read.allowed()).isTrue();
    assertThat(read.decisionId()).startsWith("dec_");
    assertThat(read.policies()).containsExactly(SAMPLE_ID + "@1");
    assertThat(read.reasons()).extracting(Reason::code).containsExactly("capability_granted");
    assertThat(agent.decisions().decide(base).outcome()).isEqualTo(Decision.ALLOW);

    Decision notGranted = agent.decisions().decide(DecisionRequest.of("summarizer-1", "delete:documents"));
    assertThat(notGranted.outcome()).isEqualTo(Decision.DENY);
    assertThat(notGranted.reasons()).extracting(Reason::code).containsExactly("capability_not_granted");
    Decision readOnly = agent.decisions().decide(base.withConnector("s3"));
    assertThat(readOnly.outcome()).isEqualTo(Decision.DENY);
    assertThat(readOnly.reasons().getFirst().code()).isEqualTo("connector_read_only");
    Decision big = agent.decisions().decide(base.withAttribute("size_mb", 60));
    assertThat(big.outcome()).isEqualTo(Decision.REQUIRE_APPROVAL);
    assertThat(big.reasons()).extracting(Reason::code).containsExactly("approval_threshold");
    Decision external = agent.decisions().decide(base.withAttribute("external_domain", "partner.example")
        .withLabel("team", "docs"));
    assertThat(external.outcome()).isEqualTo(Decision.REQUIRE_APPROVAL);

    // one db call was allowed above; a batch of 30 more ends in the 31st of the minute, which waits exactly 2 s
    List<DecisionRequest> batch = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      batch.add(base);
    }
    List<Decision> decided = agent.decisions().decideAll(batch);
    assertThat(decided).hasSize(30);
    assertThat(decided.subList(0, 29)).allSatisfy(d -> assertThat(d.outcome()).isEqualTo(Decision.ALLOW));
    Decision limited = decided.get(29);
    assertThat(limited.outcome()).isEqualTo(Decision.RATE_LIMITED);
    assertThat(limited.retryAfterMs()).isEqualTo(2000L);

    awaitLogged(admin, 36);
    Page<LoggedDecision> denies = admin.decisions().list(DecisionFilter.any().withOutcome(Decision.DENY),
        PageQuery.first(1));
    assertThat(denies.items()).extracting(LoggedDecision::decisionId).containsExactly(readOnly.decisionId());
    assertThat(admin.decisions().list(DecisionFilter.any().withOutcome(Decision.DENY),
        PageQuery.first(1).after(denies.nextCursor())).items())
        .extracting(LoggedDecision::decisionId).containsExactly(notGranted.decisionId());
    assertThat(admin.decisions().listAll(DecisionFilter.any().withRun("run-7").withOutcome(Decision.RATE_LIMITED))
        .map(LoggedDecision::decisionId)).containsExactly(limited.decisionId());
    assertThat(admin.decisions().listAll(DecisionFilter.any().withAgent("summarizer-1").withConnector("db")
        .withAction("write:summaries")).count()).isEqualTo(33);
    assertThat(admin.decisions().listAll(DecisionFilter.any().withAgent("someone-else")).count()).isZero();
    assertThat(admin.decisions().listAll(DecisionFilter.any().withFrom(Instant.parse("2026-11-25T12:00:00Z"))
        .withTo(Instant.parse("2026-11-25T12:00:01Z"))).count()).isEqualTo(36);

    LoggedDecision logged = approver.decisions().get(external.decisionId());
    assertThat(logged.outcome()).isEqualTo(Decision.REQUIRE_APPROVAL);
    assertThat(logged.agentId()).isEqualTo("summarizer-1");
    assertThat(logged.runId()).isEqualTo("run-7");
    assertThat(logged.taskType()).isEqualTo("summarize");
    assertThat(logged.connector()).isEqualTo("db");
    assertThat(logged.attributes().path("external_domain").asText()).isEqualTo("partner.example");
    assertThat(logged.reasons()).extracting(Reason::code).containsExactly("approval_threshold");
    assertThat(logged.policies()).containsExactly(SAMPLE_ID + "@1");
    assertThat(logged.at()).isEqualTo(Instant.parse("2026-11-25T12:00:00Z"));
    assertThat(problem(() -> approver.decisions().get("dec_00000000000000000000000000")).status()).isEqualTo(404);
  }

  @Test
  void badDecisionRequestsAreRefusedWithPointersAndAgentsCannotReadTheLog() {
    AegisApiException bad = problem(() -> agent.decisions().decide(DecisionRequest.of("summarizer-1", "delete")));
    assertThat(bad.status()).isEqualTo(422);
    assertThat(bad.errors()).extracting(FieldError::pointer).containsExactly("/action");

    List<DecisionRequest> batch = List.of(DecisionRequest.of("a", "read:documents"), DecisionRequest.of("a", "x"));
    AegisApiException badBatch = problem(() -> agent.decisions().decideAll(batch));
    assertThat(badBatch.status()).isEqualTo(422);
    assertThat(badBatch.errors()).extracting(FieldError::pointer).containsExactly("/requests/1/action");

    assertThat(problem(() -> agent.decisions().list(DecisionFilter.any(), PageQuery.first())).status())
        .isEqualTo(403);
    assertThat(problem(() -> approver.decisions().decide(DecisionRequest.of("a", "read:documents"))).status())
        .isEqualTo(403);
    assertThat(admin.decisions().listAll(DecisionFilter.any()).count()).as("nothing logged").isZero();

    Decision none = agent.decisions().decide(DecisionRequest.of("a", "read:documents"));
    assertThat(none.outcome()).as("no policy: fail closed").isEqualTo(Decision.DENY);
    assertThat(none.reasons()).extracting(Reason::code).containsExactly("no_policy");
  }

  @Test
  void theEffectivePolicySaysWhichVersionContributedWhat() {
    admin.policies().apply(SAMPLE_ID, SAMPLE_JSON, SourceFormat.JSON);
    admin.policies().apply("support", """
        policy_id: support
        bindings:
          - labels: {team: support}
        capabilities: ["write:tickets"]
        denies: ["delete:*"]
        connectors:
          db: {role: read-write, rate_limit_per_min: 10}
        approval_thresholds:
          "write:size_mb": 20
        rules:
          - id: no-prod-drafts
            when: run.stage == 'draft' && request.resource.startsWith('prod/')
            effect: deny
            reason: drafts never touch prod
        validators:
          "write:tickets": {max_size_mb: 5, allowed_domains: [example.com]}
        """, SourceFormat.YAML);

    EffectivePolicy plain = agent.agents().effectivePolicy("summarizer-1");
    assertThat(plain.agentId()).isEqualTo("summarizer-1");
    assertThat(plain.effective().policies()).containsExactly(SAMPLE_ID + "@1");

    EffectivePolicy support = agent.agents().effectivePolicy("helper-1", "triage", Map.of("team", "support"));
    assertThat(support.taskType()).isEqualTo("triage");
    assertThat(support.labels()).containsEntry("team", "support");
    EffectivePolicy.Explanation e = support.effective();
    assertThat(e.policies()).containsExactlyInAnyOrder(SAMPLE_ID + "@1", "support@1");
    assertThat(e.capabilities()).extracting(EffectivePolicy.Grant::capability)
        .containsExactlyInAnyOrder("read:documents", "write:summaries", "write:tickets");
    assertThat(e.capabilities()).filteredOn(g -> g.capability().equals("write:tickets")).singleElement()
        .satisfies(g -> assertThat(g.from()).containsExactly("support@1"));
    assertThat(e.denies()).singleElement().satisfies(g -> assertThat(g.capability()).isEqualTo("delete:*"));
    EffectivePolicy.ConnectorTerms db = e.connectors().stream().filter(c -> c.connector().equals("db")).findFirst()
        .orElseThrow();
    assertThat(db.rateLimitPerMin()).as("the tightest cap wins").isEqualTo(10);
    assertThat(db.rateFrom()).isEqualTo("support@1");
    assertThat(db.roleFrom()).as("the most restrictive role wins").containsExactly(SAMPLE_ID + "@1");
    assertThat(e.thresholds()).singleElement().satisfies(l -> {
      assertThat(l.key()).isEqualTo("write:size_mb");
      assertThat(l.value()).isEqualTo(20.0);
      assertThat(l.from()).isEqualTo("support@1");
    });
    assertThat(e.approvalTriggers()).singleElement()
        .satisfies(t -> assertThat(t.triggers()).containsExactly("requires_approval"));
    assertThat(e.rules()).singleElement().satisfies(r -> {
      assertThat(r.id()).isEqualTo("no-prod-drafts");
      assertThat(r.policy()).isEqualTo("support@1");
      assertThat(r.reason()).isEqualTo("drafts never touch prod");
    });
    assertThat(e.validators()).singleElement().satisfies(v -> {
      assertThat(v.capability()).isEqualTo("write:tickets");
      assertThat(v.validator().maxSizeMb()).isEqualTo(5.0);
      assertThat(v.validator().allowedDomains()).containsExactly("example.com");
    });
    assertThat(e.unusable()).isEmpty();
    assertThat(e.shadowPolicies()).isEmpty();
  }

  @Test
  void anOperatorOverrideReplacesThePolicyCapUntilDeleted() {
    admin.policies().apply(SAMPLE_ID, SAMPLE_JSON, SourceFormat.JSON);
    DecisionRequest call = DecisionRequest.of("summarizer-1", "write:summaries").withConnector("db");

    RateCap cap = admin.rateCaps().create(RateCapSpec.of(RateCap.EVERY_AGENT, "db", 2).expiresIn("1h")
        .withReason("the database is struggling"));
    assertThat(cap.id()).startsWith("cap_");
    assertThat(cap.agentId()).isEqualTo("*");
    assertThat(cap.limitPerMin()).isEqualTo(2);
    assertThat(cap.source()).isEqualTo("operator");
    assertThat(cap.reason()).isEqualTo("the database is struggling");
    assertThat(cap.expiresAt()).isEqualTo(Instant.parse("2026-11-25T13:00:00Z"));
    assertThat(admin.rateCaps().listAll()).extracting(RateCap::id).containsExactly(cap.id());

    List<Decision> three = agent.decisions().decideAll(List.of(call, call, call));
    assertThat(three).extracting(Decision::outcome)
        .containsExactly(Decision.ALLOW, Decision.ALLOW, Decision.RATE_LIMITED);
    assertThat(three.get(2).retryAfterMs()).isEqualTo(30_000L);

    AegisApiException bad = problem(() -> admin.rateCaps().create(RateCapSpec.of("summarizer-1", "*", 0)));
    assertThat(bad.status()).isEqualTo(422);
    assertThat(bad.errors()).extracting(FieldError::pointer)
        .contains("/connector", "/limit_per_min", "/expires_in");
    assertThat(problem(() -> agent.rateCaps().create(RateCapSpec.of("a", "db", 5).expiresIn("1m"))).status())
        .isEqualTo(403);
    assertThat(admin.rateCaps().list(PageQuery.first()).items()).as("nothing stored").hasSize(1);

    RateCap until = admin.rateCaps().create(RateCapSpec.of("summarizer-2", "s3", 500)
        .expiresAt(Instant.parse("2026-11-26T00:00:00Z")));
    assertThat(until.expiresAt()).isEqualTo(Instant.parse("2026-11-26T00:00:00Z"));
    admin.rateCaps().delete(cap.id());
    assertThat(admin.rateCaps().listAll()).extracting(RateCap::id).containsExactly(until.id());
    assertThat(problem(() -> admin.rateCaps().delete(cap.id())).status()).isEqualTo(404);
  }

  /** Decisions reach the log a moment after they are answered: waits until it holds this many. */
  private static void awaitLogged(AegisClient client, long count) throws InterruptedException {
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (client.decisions().listAll(DecisionFilter.any()).count() < count && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
  }
}
