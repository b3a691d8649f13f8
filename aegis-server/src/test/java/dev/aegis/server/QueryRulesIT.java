package dev.aegis.server;

import static dev.aegis.server.Fleet.attr;
import static dev.aegis.server.Fleet.span;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aegis.core.page.Cursor;
import io.opentelemetry.proto.trace.v1.Span;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rules around the trace-first query: which keys may read, tenant isolation, every bad parameter answered with
 * a 400 that names it, relative times on the server's clock, and the span cap.
 */
class QueryRulesIT {
  @TempDir Path dataDir;
  MutableClock clock = new MutableClock(Fleet.T0.plus(Duration.ofMinutes(30)));
  TestServer api;
  String agentKey;
  String operatorKey;
  Fleet fleet;

  @BeforeEach
  void startServer() {
    api = TestServer.start(dataDir, Map.of("telemetry.purge_interval", "0", "query.max_trace_spans", "50"), clock);
    api.createTenant("acme");
    agentKey = api.createKey("acme", "agent", "agent").path("secret").asText();
    operatorKey = api.createKey("acme", "on-call", "operator").path("secret").asText();
    fleet = new Fleet(api, agentKey);
    fleet.run("r-1", "summarizer", "summarize", 0, null, "gpt-4o", false);
    fleet.run("r-2", "summarizer", "summarize", 20 * 60_000, "r-1", null, true); // 12:20
  }

  @AfterEach
  void stopServer() {
    api.close();
  }

  static final List<String> READ_PATHS = List.of("/api/v1/runs", "/api/v1/runs/r-1", "/api/v1/runs/r-1/children",
      "/api/v1/runs/r-1/trace", "/api/v1/runs/r-1/timeline", "/api/v1/prompts/sha256:x");

  @ParameterizedTest
  @ValueSource(strings = {"operator", "approver", "admin"})
  void operatorApproverAndAdminKeysReadRuns(String role) {
    String key = api.createKey("acme", "reader-" + role, role).path("secret").asText();
    for (String path : List.of("/api/v1/runs", "/api/v1/runs/r-1", "/api/v1/runs/r-1/children",
        "/api/v1/runs/r-1/trace", "/api/v1/runs/r-1/timeline")) {
      api.get(path, key).assertStatus(200);
    }
  }

  @Test
  void agentKeysTheSystemAdminAndStrangersMayNotRead() {
    String traceId = api.get("/api/v1/runs/r-1", operatorKey).json().path("trace_id").asText();
    List<String> paths = new ArrayList<>(READ_PATHS);
    paths.add("/api/v1/traces/" + traceId);
    for (String path : paths) {
      api.get(path, agentKey).assertProblem(403, "forbidden", "operator, approver or admin role; this key has [agent]");
      api.get(path, api.adminKey()).assertProblem(403, "forbidden", "not the system admin key");
      api.get(path, null).assertProblem(401, "unauthenticated", "");
    }
  }

  @Test
  void anotherTenantsRunsAreNotFoundAndNeverListed() {
    api.createTenant("globex");
    String theirs = api.createKey("globex", "globex-ops", "operator", "admin").path("secret").asText();
    String traceId = api.get("/api/v1/runs/r-1", operatorKey).json().path("trace_id").asText();
    fleet.send(List.of(span(Fleet.traceId(), Fleet.spanId(), null, "chat", 0, 1)
        .addAttributes(attr("run.id", "r-3")).addAttributes(attr("prompt.hash", "sha256:acme-only")).build()));

    assertThat(api.get("/api/v1/runs", theirs).assertStatus(200).json().path("items")).isEmpty();
    for (String path : List.of("/api/v1/runs/r-1", "/api/v1/runs/r-1/children", "/api/v1/runs/r-1/trace",
        "/api/v1/runs/r-1/timeline")) {
      api.get(path, theirs).assertProblem(404, "not-found", "no run 'r-1' that this key can see");
    }
    api.get("/api/v1/traces/" + traceId, theirs).assertProblem(404, "not-found", "no trace " + traceId);
    api.get("/api/v1/prompts/sha256:acme-only", theirs).assertProblem(404, "not-found", "sha256:acme-only");
    api.get("/api/v1/prompts/sha256:acme-only", operatorKey).assertStatus(200);
  }

  @Test
  void unknownRunsAreNotFound() {
    api.get("/api/v1/runs/nope", operatorKey).assertProblem(404, "not-found", "no run 'nope'");
    api.get("/api/v1/runs/nope/trace", operatorKey).assertProblem(404, "not-found", "GET /api/v1/runs");
    api.get("/api/v1/runs/" + "x".repeat(600), operatorKey).assertProblem(404, "not-found", "at most 512");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "status=failed                       | status    | must be ok or error, was 'failed'",
      "has_error=yes                       | has_error | must be true or false, was 'yes'",
      "since=yesterday                     | since     | an RFC 3339 time",
      "until=2026-11-24                    | until     | an RFC 3339 time",
      "since=-1w                           | since     | -30s, -15m, -2h or -7d",
      "agent=summarizer                    | agent     | not a parameter of this route; allowed: agent_id, task_type",
      "agent_id=                           | agent_id  | must not be empty",
      "agent_id=a&agent_id=b               | agent_id  | is given 2 times",
      "limit=0                             | limit     | from 1 to 500",
      "limit=501                           | limit     | from 1 to 500",
      "cursor=garbage                      | cursor    | not a cursor this server issued",
      "since=2026-11-24T13:00:00Z&until=2026-11-24T12:00:00Z | since | must not be after until",
  })
  void badListParametersAre400sThatNameThem(String query, String parameter, String detail) {
    Response answer = api.get("/api/v1/runs?" + query, operatorKey);
    answer.assertProblem(400, "malformed-request", "Query parameters not valid: " + parameter);
    assertThat(answer.errorLocations()).containsExactly(parameter);
    assertThat(answer.errorAt(parameter)).contains(detail);
  }

  @Test
  void everyBadParameterOfOneRequestIsListed() {
    Response answer = api.get("/api/v1/runs?status=nope&has_error=maybe&limit=x&colour=red", operatorKey);
    answer.assertProblem(400, "malformed-request", "Query parameters not valid:");
    assertThat(answer.errorLocations()).containsExactlyInAnyOrder("colour", "status", "has_error", "limit");
  }

  @Test
  void aCursorOfAnotherListIsRefused() {
    String childCursor = Cursor.encode("r-2");
    api.get("/api/v1/runs?cursor=" + childCursor, operatorKey)
        .assertProblem(400, "malformed-request", "cursor");
  }

  @Test
  void otherRoutesRefuseBadParametersToo() {
    api.get("/api/v1/runs/r-1/trace?scope=everything", operatorKey)
        .assertProblem(400, "malformed-request", "scope");
    assertThat(api.get("/api/v1/runs/r-1/timeline?scope=tree", operatorKey).errorAt("scope"))
        .contains("must be run (this run's spans) or trace");
    assertThat(api.get("/api/v1/runs/r-1?verbose=true", operatorKey).errorLocations()).containsExactly("verbose");
    assertThat(api.get("/api/v1/runs/r-1/children?limit=0", operatorKey).errorLocations()).containsExactly("limit");
    assertThat(api.get("/api/v1/prompts/sha256:x?limit=1000", operatorKey).errorLocations())
        .containsExactly("limit");
    for (String bad : List.of("abc", "0".repeat(32), "g".repeat(32), "4bf92f3577b34da6a3ce929d0e0e47"
        , "4bf92f3577b34da6a3ce929d0e0e473600")) {
      Response answer = api.get("/api/v1/traces/" + bad, operatorKey);
      answer.assertProblem(400, "malformed-request", "is not a trace id");
      assertThat(answer.errorAt("trace_id")).contains("32 hex digits");
    }
  }

  @Test
  void relativeTimesCountBackFromTheServersClock() {
    // the clock says 12:30; r-1 started at 12:00, r-2 at 12:20
    assertThat(runIds("since=-15m")).containsExactly("r-2");
    assertThat(runIds("since=-1h")).containsExactly("r-2", "r-1");
    assertThat(runIds("since=-1h&until=-20m")).containsExactly("r-1");
    assertThat(runIds("since=-3600s&until=-5m")).containsExactly("r-2", "r-1");
    clock.advance(Duration.ofDays(2));
    assertThat(runIds("since=-1d")).isEmpty();
    assertThat(runIds("since=-3d")).containsExactly("r-2", "r-1");
  }

  List<String> runIds(String query) {
    return QueryContract.ids(api.get("/api/v1/runs?" + query, operatorKey).assertStatus(200).json().path("items"),
        "run_id");
  }

  @Test
  void aRunOverTheSpanCapIsAnsweredWithItsEarliestSpansAndTruncated() {
    String trace = Fleet.traceId();
    String root = Fleet.spanId();
    List<Span> spans = new ArrayList<>();
    spans.add(span(trace, root, null, "root", 0, 1_000).addAttributes(attr("run.id", "huge")).build());
    for (int i = 0; i < 79; i++) {
      spans.add(span(trace, Fleet.spanId(), root, "step-%02d".formatted(i), 1 + i, 2 + i)
          .addAttributes(attr("run.id", "huge")).build());
    }
    fleet.send(spans);

    JsonNode tree = api.get("/api/v1/runs/huge/trace", operatorKey).assertStatus(200).json();
    assertThat(tree.path("span_count").asInt()).isEqualTo(50);
    assertThat(tree.path("total_spans").asLong()).isEqualTo(80);
    assertThat(tree.path("truncated").asBoolean()).isTrue();
    assertThat(tree.path("max_spans").asInt()).isEqualTo(50);
    assertThat(tree.path("roots").get(0).path("children")).hasSize(49);
    assertThat(tree.path("roots").get(0).path("children").get(48).path("name").asText()).isEqualTo("step-48");

    JsonNode whole = api.get("/api/v1/runs/huge/trace?scope=trace", operatorKey).assertStatus(200).json();
    assertThat(whole.path("truncated").asBoolean()).isTrue();
    assertThat(whole.path("total_spans").asLong()).isEqualTo(80);

    JsonNode timeline = api.get("/api/v1/runs/huge/timeline", operatorKey).assertStatus(200).json();
    assertThat(timeline.path("truncated").asBoolean()).isTrue();
    assertThat(timeline.path("entries")).hasSize(100);
  }
}
