package dev.aegis.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.aegis.server.AegisServer;
import dev.aegis.server.config.ConfigLoader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runs facade against a real server: spans go in as OTLP/JSON over HTTP (as an agent's exporter sends them),
 * then every read of the trace-first query comes back as the SDK's records.
 */
@Timeout(120)
class RunsIT {
  private static final long T0 = Instant.parse("2026-11-24T12:00:00Z").getEpochSecond() * 1_000_000_000L;
  private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final String PROMPT = "sha256:Ab/cd+ef==";

  @TempDir static Path dataDir;

  private static AegisServer server;
  private static AegisClient admin;
  private static AegisClient operator;
  private static String agentKey;

  @BeforeAll
  static void start() throws Exception {
    server = AegisServer.start(ConfigLoader.load(null, Map.of(), Map.of("server.port", "0", "data.dir",
        dataDir.toString(), "log.level", "warn", "telemetry.purge_interval", "0")));
    admin = AegisClient.builder().baseUrl(server.baseUri()).apiKey(server.adminKey()).build();
    admin.tenants().create("runs-acme");
    agentKey = admin.keys().create("runs-acme", "bot", Role.AGENT).secret();
    operator = admin.withApiKey(admin.keys().create("runs-acme", "ops", Role.OPERATOR).secret());

    List<String> spans = new ArrayList<>();
    spans.add(span("00000000000000a1", null, "agent.execute.task", 0, 900, "run-root", "planner", null, false,
        "{\"key\": \"agent.id\", \"value\": {\"stringValue\": \"planner\"}}"));
    spans.add(span("00000000000000a2", "00000000000000a1", "chat gpt-4o", 10, 200, null, null, null, false,
        "{\"key\": \"gen_ai.request.model\", \"value\": {\"stringValue\": \"gpt-4o\"}}",
        "{\"key\": \"gen_ai.usage.input_tokens\", \"value\": {\"intValue\": \"500\"}}",
        "{\"key\": \"prompt.hash\", \"value\": {\"stringValue\": \"" + PROMPT + "\"}}"));
    spans.add(span("00000000000000b1", "00000000000000a1", "invoke_agent worker", 300, 800, "run-child", "worker",
        "run-root", false, "{\"key\": \"gen_ai.operation.name\", \"value\": {\"stringValue\": \"invoke_agent\"}}"));
    spans.add(span("00000000000000b2", "00000000000000b1", "execute_tool billing.refund", 400, 500, null, null,
        null, true, "{\"key\": \"gen_ai.tool.name\", \"value\": {\"stringValue\": \"billing.refund\"}}",
        "{\"key\": \"http.response.status_code\", \"value\": {\"intValue\": \"503\"}}"));
    for (int i = 0; i < 5; i++) {
      spans.add("""
          {"traceId": "%s", "spanId": "%016x", "name": "batch", "startTimeUnixNano": "%d",
           "endTimeUnixNano": "%d", "attributes": [{"key": "run.id", "value": {"stringValue": "batch-%d"}},
           {"key": "agent.id", "value": {"stringValue": "batcher"}}]}"""
          .formatted("0af7651916cd43dd8448eb211c8031%02d".formatted(i), 0xc0 + i, T0 + (1000L + i) * 1_000_000,
              T0 + (1001L + i) * 1_000_000, i));
    }
    String body = "{\"resourceSpans\": [{\"resource\": {\"attributes\": [{\"key\": \"service.name\","
        + " \"value\": {\"stringValue\": \"agent-runner\"}}]}, \"scopeSpans\": [{\"spans\": ["
        + String.join(",", spans) + "]}]}]}";
    try (HttpClient http = HttpClient.newHttpClient()) {
      HttpResponse<String> sent = http.send(HttpRequest.newBuilder(URI.create(server.baseUri() + "/v1/traces"))
          .header("Authorization", "Bearer " + agentKey).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);
      assertThat(sent.body()).isEqualTo("{}");
    }
  }

  private static String span(String id, String parent, String name, long startMs, long endMs, String runId,
      String agent, String parentRun, boolean error, String... attributes) {
    List<String> attrs = new ArrayList<>(List.of(attributes));
    if (runId != null) {
      attrs.add("{\"key\": \"run.id\", \"value\": {\"stringValue\": \"" + runId + "\"}}");
      attrs.add("{\"key\": \"task.type\", \"value\": {\"stringValue\": \"refund\"}}");
    }
    if (parentRun != null) {
      attrs.add("{\"key\": \"parent_run_id\", \"value\": {\"stringValue\": \"" + parentRun + "\"}}");
    }
    return "{\"traceId\": \"" + TRACE + "\", \"spanId\": \"" + id + "\""
        + (parent == null ? "" : ", \"parentSpanId\": \"" + parent + "\"")
        + ", \"name\": \"" + name + "\", \"startTimeUnixNano\": \"" + (T0 + startMs * 1_000_000) + "\""
        + ", \"endTimeUnixNano\": \"" + (T0 + endMs * 1_000_000) + "\""
        + ", \"attributes\": [" + String.join(",", attrs) + "]"
        + (error ? ", \"status\": {\"code\": 2, \"message\": \"upstream unavailable\"}" : "") + "}";
  }

  @AfterAll
  static void stop() {
    if (admin != null) {
      admin.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  void listsAndFiltersRunsAndWalksEveryPage() {
    List<Run> all = operator.runs().listAll(RunFilter.ALL).toList();
    assertThat(all).extracting(Run::runId)
        .containsExactly("batch-4", "batch-3", "batch-2", "batch-1", "batch-0", "run-child", "run-root");

    Page<Run> first = operator.runs().list(RunFilter.ALL.withAgent("batcher"), PageQuery.first(2));
    assertThat(first.items()).extracting(Run::runId).containsExactly("batch-4", "batch-3");
    assertThat(first.hasMore()).isTrue();
    List<String> walked = Pages.stream(q -> operator.runs().list(RunFilter.ALL.withAgent("batcher"), q),
        PageQuery.first(2)).map(Run::runId).toList();
    assertThat(walked).containsExactly("batch-4", "batch-3", "batch-2", "batch-1", "batch-0");

    assertThat(operator.runs().listAll(RunFilter.ALL.withStatus("error")).map(Run::runId))
        .containsExactly("run-child");
    assertThat(operator.runs().listAll(RunFilter.ALL.withHasError(false).withTaskType("refund")).map(Run::runId))
        .containsExactly("run-root");
    assertThat(operator.runs().listAll(RunFilter.ALL.withModel("gpt-4o")).map(Run::runId))
        .containsExactly("run-root");
    assertThat(operator.runs().listAll(RunFilter.ALL
            .withSince(Instant.parse("2026-11-24T12:00:00.001Z")).withUntil("2026-11-24T12:00:01.002Z"))
        .map(Run::runId)).containsExactly("batch-1", "batch-0", "run-child");

    Run root = all.getLast();
    assertThat(root.agentId()).isEqualTo("planner");
    assertThat(root.serviceName()).isEqualTo("agent-runner");
    assertThat(root.inputTokens()).isEqualTo(500);
    assertThat(root.models()).containsExactly("gpt-4o");
    assertThat(root.startedAt()).isEqualTo(Instant.parse("2026-11-24T12:00:00Z"));
    assertThat(root.durationMs()).isEqualTo(900.0);
    assertThat(root.failed()).isFalse();
  }

  @Test
  void readsARunWithItsLineage() {
    RunDetail child = operator.runs().get("run-child");
    assertThat(child.run().runId()).isEqualTo("run-child");
    assertThat(child.run().parentRunId()).isEqualTo("run-root");
    assertThat(child.run().failed()).isTrue();
    assertThat(child.lineage().ancestors()).extracting(Run::runId).containsExactly("run-root");
    assertThat(child.lineage().rootRunId()).isEqualTo("run-root");
    assertThat(child.lineage().chainEnd()).isEqualTo("root");

    RunDetail root = operator.runs().get("run-root");
    assertThat(root.lineage().children()).extracting(Run::runId).containsExactly("run-child");
    assertThat(root.lineage().childCount()).isEqualTo(1);
    assertThat(root.lineage().childrenNextCursor()).isNull();
    assertThat(operator.runs().children("run-root", PageQuery.first()).items()).extracting(Run::runId)
        .containsExactly("run-child");
  }

  @Test
  void readsTheSpanTreeOfARunAndOfItsWholeTrace() {
    RunTrace own = operator.runs().trace("run-root");
    assertThat(own.scope()).isEqualTo("run");
    assertThat(own.spanCount()).isEqualTo(2);
    assertThat(own.roots()).singleElement().satisfies(root -> {
      assertThat(root.name()).isEqualTo("agent.execute.task");
      assertThat(root.children()).extracting(RunTrace.Node::name).containsExactly("chat gpt-4o");
      assertThat(root.children().get(0).prompt().promptHash()).isEqualTo(PROMPT);
    });

    RunTrace whole = operator.runs().trace("run-root", Runs.Scope.TRACE);
    assertThat(whole.spanCount()).isEqualTo(4);
    RunTrace.Node worker = whole.roots().get(0).children().get(1);
    assertThat(worker.runId()).isEqualTo("run-child");
    RunTrace.Node refund = worker.children().get(0);
    assertThat(refund.failed()).isTrue();
    assertThat(refund.toolCall().statusCode()).isEqualTo(503);
    assertThat(refund.statusMessage()).isEqualTo("upstream unavailable");
    assertThat(refund.start()).isEqualTo(Instant.parse("2026-11-24T12:00:00.400Z"));

    RunTrace childOnly = operator.runs().trace("run-child");
    assertThat(childOnly.roots().get(0).link()).isEqualTo("orphan");
  }

  @Test
  void readsTheTimeline() {
    RunTimeline timeline = operator.runs().timeline("run-root", Runs.Scope.TRACE);
    assertThat(timeline.entries()).extracting(RunTimeline.Entry::type).containsExactly(
        "span_start", "llm_call", "span_end", "span_start", "tool_call", "error", "span_end", "span_end");
    assertThat(timeline.entries().get(5).summary()).contains("503").contains("upstream unavailable");
    assertThat(operator.runs().timeline("run-child").entries()).hasSize(4);
  }

  @Test
  void findsRunsByTraceIdAndByPromptHash() {
    TraceRuns trace = operator.runs().byTrace(TRACE);
    assertThat(trace.spanCount()).isEqualTo(4);
    assertThat(trace.runs()).extracting(Run::runId).containsExactly("run-root", "run-child");

    PromptUsage usage = operator.runs().byPromptHash(PROMPT);
    assertThat(usage.promptHash()).isEqualTo(PROMPT);
    assertThat(usage.snapshots()).singleElement().satisfies(s -> {
      assertThat(s.runId()).isEqualTo("run-root");
      assertThat(s.model()).isEqualTo("gpt-4o");
      assertThat(s.content()).isNull();
    });
    assertThat(usage.runs()).extracting(Run::runId).containsExactly("run-root");
  }

  @Test
  void refusalsArriveAsProblems() {
    AegisApiException missing = catchThrowableOfType(AegisApiException.class, () -> operator.runs().get("nope"));
    assertThat(missing.status()).isEqualTo(404);

    AegisApiException badTrace =
        catchThrowableOfType(AegisApiException.class, () -> operator.runs().byTrace("not-a-trace"));
    assertThat(badTrace.status()).isEqualTo(400);
    assertThat(badTrace.errors()).extracting(FieldError::parameter).containsExactly("trace_id");

    AegisApiException badFilter = catchThrowableOfType(AegisApiException.class,
        () -> operator.runs().list(RunFilter.ALL.withStatus("failed").withSince("yesterday"), PageQuery.first()));
    assertThat(badFilter.status()).isEqualTo(400);
    assertThat(badFilter.errors().stream().map(FieldError::parameter).collect(Collectors.toSet()))
        .containsExactlyInAnyOrder("status", "since");

    AegisClient agent = admin.withApiKey(agentKey);
    AegisApiException forbidden =
        catchThrowableOfType(AegisApiException.class, () -> agent.runs().list(RunFilter.ALL, PageQuery.first()));
    assertThat(forbidden.status()).isEqualTo(403);
  }
}
