package dev.aegis.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aegis.cli.Cli.Result;
import dev.aegis.client.AegisClient;
import dev.aegis.client.Role;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code aegis runs}, {@code traces} and {@code prompts} in this JVM against a real server that received a small run
 * from the OpenTelemetry SDK: the tree as a terminal shows it, the JSON, and the refusals.
 */
@Timeout(120)
class RunsCliIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path workDir;
  @TempDir static Path elsewhere;

  private static TestServer server;
  private static Cli operator;
  private static Cli agent;

  @BeforeAll
  static void start() {
    server = TestServer.start(workDir);
    String agentKey;
    String operatorKey;
    try (AegisClient admin = AegisClient.builder().baseUrl(server.url()).apiKey(server.adminKey()).build()) {
      admin.tenants().create("cli-runs");
      agentKey = admin.keys().create("cli-runs", "bot", Role.AGENT).secret();
      operatorKey = admin.keys().create("cli-runs", "ops", Role.OPERATOR).secret();
    }
    sendRun(agentKey);
    operator = cli(operatorKey);
    agent = cli(agentKey);
  }

  private static Cli cli(String key) {
    return new Cli(Map.of("AEGIS_URL", server.url().toString(), "AEGIS_KEY", key, "COLUMNS", "80",
        "LANG", "C.UTF-8"), elsewhere);
  }

  /** A run of three spans: a model call that changes state, and a refund call that fails with 503. */
  private static void sendRun(String key) {
    SdkTracerProvider provider = SdkTracerProvider.builder()
        .addSpanProcessor(SimpleSpanProcessor.create(OtlpHttpSpanExporter.builder()
            .setEndpoint(server.url() + "/v1/traces").addHeader("Authorization", "Bearer " + key).build()))
        .build();
    try {
      Tracer tracer = provider.get("cli-test");
      long t0 = Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.SECONDS).getEpochSecond() * 1_000_000_000L;
      long ms = 1_000_000L;
      Span root = tracer.spanBuilder("agent.execute.task").setStartTimestamp(t0, TimeUnit.NANOSECONDS)
          .setAttribute("agent.id", "cli-agent").setAttribute("task.type", "triage")
          .setAttribute("run.id", "run-cli-1").startSpan();
      Context inRoot = Context.root().with(root);
      Span chat = tracer.spanBuilder("chat gpt-4o").setSpanKind(SpanKind.CLIENT).setParent(inRoot)
          .setStartTimestamp(t0 + 10 * ms, TimeUnit.NANOSECONDS).setAttribute("gen_ai.operation.name", "chat")
          .setAttribute("gen_ai.request.model", "gpt-4o").setAttribute("gen_ai.usage.input_tokens", 500L)
          .setAttribute("gen_ai.usage.output_tokens", 40L).setAttribute("prompt.hash", "sha256:cli-prompt")
          .setAttribute("run.id", "run-cli-1").startSpan();
      chat.addEvent("aegis.state_transition", Attributes.of(AttributeKey.stringKey("from"), "plan",
          AttributeKey.stringKey("to"), "act"), t0 + 390 * ms, TimeUnit.NANOSECONDS);
      chat.end(t0 + 400 * ms, TimeUnit.NANOSECONDS);
      Span refund = tracer.spanBuilder("execute_tool billing.refund").setSpanKind(SpanKind.CLIENT)
          .setParent(inRoot).setStartTimestamp(t0 + 450 * ms, TimeUnit.NANOSECONDS)
          .setAttribute("gen_ai.tool.name", "billing.refund").setAttribute("http.request.method", "POST")
          .setAttribute("url.full", "https://billing.example.com/v1/refunds")
          .setAttribute("http.response.status_code", 503L).setAttribute("run.id", "run-cli-1").startSpan();
      refund.setStatus(StatusCode.ERROR, "upstream unavailable");
      refund.end(t0 + 510 * ms, TimeUnit.NANOSECONDS);
      root.end(t0 + 900 * ms, TimeUnit.NANOSECONDS);
      assertThat(provider.forceFlush().join(30, TimeUnit.SECONDS).isSuccess()).isTrue();
    } finally {
      provider.shutdown().join(30, TimeUnit.SECONDS);
    }
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  private static JsonNode json(Result result) throws IOException {
    assertThat(result.exitCode()).as(result.toString()).isZero();
    return JSON.readTree(result.out());
  }

  @Test
  void drawsTheRunTreeForA80ColumnTerminal() {
    Result tree = operator.run("runs", "tree", "run-cli-1");

    assertThat(tree.exitCode()).as(tree.toString()).isZero();
    assertThat(tree.out().lines().toList()).containsExactly(
        "run run-cli-1 (cli-agent, triage)",
        "status ERROR, 900 ms, 3 spans (1 failed), tokens 500 in / 40 out",
        "",
        "agent.execute.task                agent    900 ms  ok",
        "├─ chat gpt-4o                    llm      390 ms  ok",
        "│     gpt-4o, 500 in / 40 out tokens",
        "│     » state_transition: from=plan, to=act",
        "└─ ✗ execute_tool billing.refund  tool      60 ms  ERROR",
        "      POST https://billing.example.com/v1/refunds → 503",
        "      error: upstream unavailable");
  }

  @Test
  void theTreeAsJsonIsTheApisTree() throws IOException {
    JsonNode tree = json(operator.run("runs", "tree", "run-cli-1", "-o", "json"));

    assertThat(tree.path("scope").asText()).isEqualTo("run");
    assertThat(tree.path("span_count").asInt()).isEqualTo(3);
    JsonNode root = tree.path("roots").get(0);
    assertThat(root.path("name").asText()).isEqualTo("agent.execute.task");
    assertThat(root.path("children")).hasSize(2);
    JsonNode refund = root.path("children").get(1);
    assertThat(refund.path("tool_call").path("status_code").asInt()).isEqualTo(503);
    assertThat(refund.path("status").asText()).isEqualTo("error");
    assertThat(root.path("children").get(0).path("control_events").get(0).path("type").asText())
        .isEqualTo("state_transition");

    Result ascii = operator.run("runs", "tree", "run-cli-1", "--ascii", "--scope", "trace");
    assertThat(ascii.out()).contains("`- X execute_tool billing.refund").doesNotContain("└").doesNotContain("✗");
  }

  @Test
  void listsFiltersAndShowsRuns() throws IOException {
    Result table = operator.run("runs", "list");
    assertThat(table.exitCode()).as(table.toString()).isZero();
    assertThat(table.out().lines().findFirst())
        .hasValueSatisfying(h -> assertThat(h).matches("RUN +AGENT +TASK +STATUS +STARTED \\(UTC\\) +TOOK"));
    assertThat(table.out()).containsPattern("run-cli-1 +cli-agent +triage +ERROR +\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d +900 ms");

    assertThat(json(operator.run("runs", "list", "--status", "error", "--since", "-1h", "-o", "json"))
        .path("items").get(0).path("run_id").asText()).isEqualTo("run-cli-1");
    assertThat(json(operator.run("runs", "list", "--has-error", "--agent", "cli-agent", "-o", "json"))
        .path("items")).hasSize(1);
    Result none = operator.run("runs", "list", "--has-error=false");
    assertThat(none.out()).contains("No runs match.");

    Result shown = operator.run("runs", "show", "run-cli-1");
    assertThat(shown.exitCode()).as(shown.toString()).isZero();
    assertThat(shown.out())
        .containsPattern("(?m)^run +run-cli-1$")
        .containsPattern("(?m)^status +ERROR \\(1 of 3 spans failed\\)$")
        .containsPattern("(?m)^tokens +500 in / 40 out \\(0 cached input\\), 540 in all$")
        .containsPattern("(?m)^models +gpt-4o$")
        .contains("lineage, root first:")
        .contains("  run-cli-1  cli-agent  triage  ERROR   <- this run")
        .contains("children: none")
        .contains("Next: aegis runs tree run-cli-1");
    JsonNode detail = json(operator.run("runs", "show", "run-cli-1", "-o", "json"));
    assertThat(detail.path("run_id").asText()).as("the API's flat shape").isEqualTo("run-cli-1");
    assertThat(detail.path("lineage").path("chain_end").asText()).isEqualTo("root");
  }

  @Test
  void listsTheTimelineAndLooksUpByTraceAndPrompt() throws IOException {
    Result timeline = operator.run("runs", "timeline", "run-cli-1");
    assertThat(timeline.exitCode()).as(timeline.toString()).isZero();
    List<String> lines = timeline.out().lines().toList();
    assertThat(lines.get(0)).matches("TIME +OFFSET +TYPE +WHAT");
    assertThat(lines).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(80));
    assertThat(lines.subList(1, lines.size())).filteredOn(line -> !line.startsWith(" "))
        .extracting(line -> line.split(" {2,}")[2]).containsExactly(
            "span_start", "llm_call", "state_transition", "span_end", "tool_call", "error", "span_end");
    assertThat(lines.get(1)).matches("\\d\\d:\\d\\d:\\d\\d\\.000  \\+0\\.0 ms  span_start        agent.execute.task started");
    assertThat(lines).containsSubsequence(
        "                                         https://billing.example.com/v1/refunds",
        "                                         -> 503 in 60 ms");
    assertThat(String.join("\n", lines)).containsPattern(
        "\\+510 ms  error +execute_tool billing.refund failed\\n +after 60 ms with 503: upstream\\n +unavailable");

    String traceId = json(operator.run("runs", "show", "run-cli-1", "-o", "json")).path("trace_id").asText();
    Result trace = operator.run("traces", "show", traceId);
    assertThat(trace.exitCode()).as(trace.toString()).isZero();
    assertThat(trace.out()).contains("trace " + traceId + ": 3 spans in 1 run").contains("run-cli-1")
        .contains("Next: aegis runs tree run-cli-1 --scope trace");

    Result prompt = operator.run("prompts", "show", "sha256:cli-prompt");
    assertThat(prompt.exitCode()).as(prompt.toString()).isZero();
    assertThat(prompt.out()).contains("prompt sha256:cli-prompt: 1 model call in 1 run")
        .containsPattern("run-cli-1 +cli-agent +gpt-4o");
  }

  @Test
  void refusalsAndMistakesSayWhat() {
    Result forbidden = agent.run("runs", "list");
    assertThat(forbidden.exitCode()).isEqualTo(1);
    assertThat(forbidden.err()).contains("403").contains("operator, approver or admin");

    Result missing = operator.run("runs", "show", "nope");
    assertThat(missing.exitCode()).isEqualTo(1);
    assertThat(missing.err()).contains("404").contains("no run 'nope'");

    Result badStatus = operator.run("runs", "list", "--status", "failed", "--since", "yesterday");
    assertThat(badStatus.exitCode()).isEqualTo(1);
    assertThat(badStatus.err()).contains("status: must be ok or error").contains("since: must be an RFC 3339 time");

    Result badTrace = operator.run("traces", "show", "xyz");
    assertThat(badTrace.exitCode()).isEqualTo(1);
    assertThat(badTrace.err()).contains("trace_id: must be 32 hex digits");

    Result badScope = operator.run("runs", "tree", "run-cli-1", "--scope", "everything");
    assertThat(badScope.exitCode()).isEqualTo(2);
    assertThat(badScope.err()).contains("expected run or trace");
  }

  @Test
  void everyCommandHasHelpWithExamples() {
    for (List<String> command : List.of(List.of("runs"), List.of("runs", "list"), List.of("runs", "tree"),
        List.of("runs", "show"), List.of("runs", "timeline"), List.of("traces", "show"),
        List.of("prompts", "show"))) {
      String[] args = java.util.stream.Stream.concat(command.stream(), java.util.stream.Stream.of("--help"))
          .toArray(String[]::new);
      Result help = operator.run(args);
      assertThat(help.exitCode()).as(String.join(" ", command)).isZero();
      assertThat(help.out()).as(String.join(" ", command)).contains("Example");
      assertThat(help.out().lines()).as(String.join(" ", command))
          .allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(100));
    }
  }
}
