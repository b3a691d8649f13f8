package dev.aegis.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aegis.core.page.PageRequest;
import dev.aegis.core.telemetry.PromptSnapshot;
import dev.aegis.core.telemetry.Run;
import dev.aegis.core.telemetry.RunEvent;
import dev.aegis.core.telemetry.RunFilter;
import dev.aegis.core.telemetry.RunStatus;
import dev.aegis.core.telemetry.Span;
import dev.aegis.core.telemetry.SpanCategory;
import dev.aegis.core.telemetry.TelemetryStore;
import dev.aegis.core.telemetry.ToolCall;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * OTLP ingest end to end: the real OpenTelemetry SDK exports to a real server, and what it sent is read back from
 * the store. Run once per database.
 */
abstract class IngestContract {
  @TempDir Path dataDir;
  TestServer api;
  String tenantId;
  String agentKey;

  abstract Map<String, String> databaseSettings();

  @BeforeEach
  void startServer() {
    api = TestServer.start(dataDir, databaseSettings());
    tenantId = api.createTenant("acme");
    agentKey = api.createKey("acme", "agent", "agent").path("secret").asText();
  }

  @AfterEach
  void stopServer() {
    api.close();
  }

  TelemetryStore telemetry() {
    return api.server.store().telemetry();
  }

  @ParameterizedTest
  @ValueSource(strings = {"none", "gzip"})
  void theOpenTelemetrySdkExportsARunThatIsReadBackWhole(String compression) {
    try (OtelAgent agent = OtelAgent.start(api, agentKey, compression, true)) {
      var root = agent.tracer.spanBuilder("agent.execute.task")
          .setAttribute("agent.id", "summarizer-12")
          .setAttribute("task.type", "document-summarize")
          .setAttribute("run.id", "run-20260529-01")
          .setAttribute("model.name", "gpt-4o")
          .setAttribute("prompt.hash", "sha256:abc123")
          .setAttribute("parent_run_id", "run-20260529-00")
          .startSpan();
      Context inRoot = Context.root().with(root);
      {
        var llm = agent.tracer.spanBuilder("chat gpt-4o").setSpanKind(SpanKind.CLIENT).setParent(inRoot)
            .setAttribute("gen_ai.operation.name", "chat")
            .setAttribute("gen_ai.provider.name", "openai")
            .setAttribute("gen_ai.request.model", "gpt-4o")
            .setAttribute("gen_ai.response.model", "gpt-4o-2024-08-06")
            .setAttribute("gen_ai.usage.input_tokens", 812L)
            .setAttribute("gen_ai.usage.output_tokens", 96L)
            .setAttribute("gen_ai.usage.cache_read.input_tokens", 512L)
            .setAttribute("gen_ai.input.messages", "Summarize the ticket from jane.doe@example.com")
            .setAttribute("customer.email", "jane.doe@example.com")
            .startSpan();
        llm.addEvent(RunEvent.STATE_TRANSITION,
            Attributes.of(AttributeKey.stringKey("from"), "plan", AttributeKey.stringKey("to"), "act",
                AttributeKey.stringKey("reason"), "context ready"));
        llm.end();
        var tool = agent.tracer.spanBuilder("execute_tool crm.lookup").setSpanKind(SpanKind.CLIENT).setParent(inRoot)
            .setAttribute("gen_ai.operation.name", "execute_tool")
            .setAttribute("gen_ai.tool.name", "crm.lookup")
            .setAttribute("gen_ai.tool.call.id", "call_42")
            .setAttribute("http.request.method", "POST")
            .setAttribute("url.full", "https://crm.example.com/api/customers?email=jane.doe@example.com")
            .setAttribute("http.response.status_code", 503L)
            .setAttribute(AttributeKey.stringArrayKey("http.request.header.authorization"),
                List.of("Bearer sk-live-abcdef0123456789"))
            .startSpan();
        tool.setStatus(StatusCode.ERROR, "upstream unavailable");
        tool.end();
      }
      root.addEvent(RunEvent.POLICY_DECISION, Attributes.of(AttributeKey.stringKey("decision_id"), "dec_1",
          AttributeKey.stringKey("outcome"), "allow", AttributeKey.stringKey("policy"), "policy-agent-summarizer"));
      root.end();
      assertThat(agent.flush()).as("the exporter's export succeeded").isTrue();
    }

    Run run = telemetry().run(tenantId, "run-20260529-01").orElseThrow();
    assertThat(run.agentId()).isEqualTo("summarizer-12");
    assertThat(run.taskType()).isEqualTo("document-summarize");
    assertThat(run.parentRunId()).isEqualTo("run-20260529-00");
    assertThat(run.serviceName()).isEqualTo("agent-runner");
    assertThat(run.environment()).isEqualTo("production");
    assertThat(run.region()).isEqualTo("us-east-1");
    assertThat(run.spanCount()).isEqualTo(3);
    assertThat(run.inputTokens()).isEqualTo(812);
    assertThat(run.outputTokens()).isEqualTo(96);
    assertThat(run.cachedInputTokens()).isEqualTo(512);
    assertThat(run.toolCallCount()).isEqualTo(1);
    assertThat(run.errorCount()).isEqualTo(1);
    assertThat(run.status()).isEqualTo(RunStatus.ERROR);
    assertThat(run.models()).containsExactlyInAnyOrder("gpt-4o", "gpt-4o-2024-08-06");

    List<Span> spans = telemetry().spansOfRun(tenantId, run.runId(), 100);
    assertThat(spans).extracting(Span::category)
        .containsExactlyInAnyOrder(SpanCategory.AGENT, SpanCategory.LLM, SpanCategory.TOOL);
    Span llm = spans.stream().filter(s -> s.category() == SpanCategory.LLM).findFirst().orElseThrow();
    assertThat(llm.attributes().get("customer.email")).asString().startsWith("<EMAIL:").doesNotContain("jane");
    assertThat(llm.attributes().get("gen_ai.input.messages")).asString().startsWith("sha256:");
    assertThat(llm.attributes().get("otel.scope.name")).isEqualTo("agent-runner-test");
    assertThat(llm.resourceAttributes()).containsEntry("service.name", "agent-runner");
    assertThat(llm.events()).extracting(e -> e.name()).containsExactly(RunEvent.STATE_TRANSITION);

    ToolCall call = telemetry().toolCallsOfRun(tenantId, run.runId(), 10).get(0);
    assertThat(call.toolName()).isEqualTo("crm.lookup");
    assertThat(call.toolCallId()).isEqualTo("call_42");
    assertThat(call.method()).isEqualTo("POST");
    assertThat(call.statusCode()).isEqualTo(503);
    assertThat(call.error()).isTrue();
    assertThat(call.endpoint()).startsWith("https://crm.example.com/api/customers?email=<EMAIL:");
    assertThat(call.request().get("http.request.header.authorization").toString()).startsWith("<REDACTED:")
        .doesNotContain("sk-live");

    List<PromptSnapshot> prompts = telemetry().promptSnapshotsOfRun(tenantId, run.runId(), 10);
    assertThat(prompts).extracting(PromptSnapshot::promptHash).contains("sha256:abc123");
    assertThat(prompts).allSatisfy(p -> assertThat(p.content()).isNull()); // capture level hash by default
    assertThat(telemetry().promptSnapshotsByHash(tenantId, "sha256:abc123", 10)).hasSize(1);

    assertThat(telemetry().runEventsOfRun(tenantId, run.runId(), 10)).extracting(RunEvent::name)
        .containsExactlyInAnyOrder(RunEvent.STATE_TRANSITION, RunEvent.POLICY_DECISION);
    RunEvent transition = telemetry().runEventsOfRun(tenantId, run.runId(), 10).stream()
        .filter(e -> e.name().equals(RunEvent.STATE_TRANSITION)).findFirst().orElseThrow();
    assertThat(transition.attributes()).containsEntry("from", "plan").containsEntry("to", "act")
        .containsEntry("reason", "context ready");
  }

  @Test
  void spansExportedOneByOneJoinTheirRunWhenTheyCarryRunIdOrTheirParentCameFirst() {
    try (OtelAgent agent = OtelAgent.start(api, agentKey, "none", false)) { // one export per span
      var root = agent.tracer.spanBuilder("root").setAttribute("run.id", "run-simple").startSpan();
      var child = agent.tracer.spanBuilder("child").setParent(Context.root().with(root))
          .setAttribute("run.id", "run-simple").startSpan();
      var grandchild = agent.tracer.spanBuilder("grandchild")
          .setParent(Context.root().with(child)).startSpan();
      child.end(); // exported before its parent: carries run.id itself
      assertThat(agent.flush()).isTrue();
      grandchild.end(); // no run.id, exported after its parent: inherits the parent's run
      root.end();
      assertThat(agent.flush()).isTrue();
    }
    assertThat(telemetry().run(tenantId, "run-simple").orElseThrow().spanCount()).isEqualTo(3);
  }

  @Test
  void aChildSentInALaterRequestJoinsItsParentsRun() {
    String trace = Otlp.hex(16);
    var parent = Otlp.span(trace, "parent").addAttributes(Otlp.attr("run.id", "run-p")).build();
    var child = Otlp.span(trace, "child").setParentSpanId(parent.getSpanId()).build();
    Otlp.exportProtobuf(api, agentKey, Otlp.request(List.of(parent)));
    Otlp.exportProtobuf(api, agentKey, Otlp.request(List.of(child)));
    var orphan = Otlp.span(trace, "orphan").setParentSpanId(com.google.protobuf.ByteString.fromHex(Otlp.hex(8)))
        .build();
    Otlp.exportProtobuf(api, agentKey, Otlp.request(List.of(orphan)));

    assertThat(telemetry().run(tenantId, "run-p").orElseThrow().spanCount()).isEqualTo(2);
    assertThat(telemetry().run(tenantId, trace).orElseThrow().spanCount()).as("a span without a known run")
        .isEqualTo(1);
  }

  @Test
  void otlpJsonAsTheSpecificationWritesItIsStoredAndAnsweredInJson() {
    String body = """
        {
          "resourceSpans": [
            {
              "resource": {
                "attributes": [
                  {"key": "service.name", "value": {"stringValue": "my.service"}},
                  {"key": "run.id", "value": {"stringValue": "run-json"}}
                ]
              },
              "scopeSpans": [
                {
                  "scope": {"name": "my.library", "version": "1.0.0",
                    "attributes": [{"key": "my.scope.attribute", "value": {"stringValue": "some scope attribute"}}]},
                  "spans": [
                    {
                      "traceId": "5B8EFFF798038103D269B633813FC60C",
                      "spanId": "EEE19B7EC3C1B174",
                      "parentSpanId": "EEE19B7EC3C1B173",
                      "name": "I'm a server span",
                      "startTimeUnixNano": "1544712660000000000",
                      "endTimeUnixNano": "1544712661000000000",
                      "kind": 2,
                      "attributes": [
                        {"key": "my.span.attr", "value": {"stringValue": "some value"}},
                        {"key": "gen_ai.usage.input_tokens", "value": {"intValue": "42"}},
                        {"key": "gen_ai.request.model", "value": {"stringValue": "gpt-4o"}},
                        {"key": "ratio", "value": {"doubleValue": 0.5}},
                        {"key": "ok", "value": {"boolValue": true}},
                        {"key": "tags", "value": {"arrayValue": {"values": [{"stringValue": "a"}, {"intValue": 7}]}}}
                      ],
                      "events": [{"timeUnixNano": "1544712660500000000", "name": "aegis.fallback",
                        "attributes": [{"key": "from_model", "value": {"stringValue": "gpt-4o"}},
                                       {"key": "to_model", "value": {"stringValue": "gpt-4o-mini"}}]}],
                      "status": {"code": "STATUS_CODE_OK"}
                    }
                  ]
                }
              ]
            }
          ]
        }
        """;
    Response response = Otlp.post(api, agentKey, "application/json", null, body.getBytes(StandardCharsets.UTF_8));

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.header("Content-Type")).startsWith("application/json");
    assertThat(response.json().isEmpty()).as("a full success has no partialSuccess: %s", response.body()).isTrue();
    Span span = telemetry().span(tenantId, "5b8efff798038103d269b633813fc60c", "eee19b7ec3c1b174").orElseThrow();
    assertThat(span.parentSpanId()).isEqualTo("eee19b7ec3c1b173");
    assertThat(span.runId()).isEqualTo("run-json");
    assertThat(span.kind()).isEqualTo(dev.aegis.core.telemetry.SpanKind.SERVER);
    assertThat(span.status()).isEqualTo(dev.aegis.core.telemetry.SpanStatus.OK);
    assertThat(span.startUnixNanos()).isEqualTo(1544712660000000000L);
    assertThat(span.attributes()).containsEntry("gen_ai.usage.input_tokens", 42L).containsEntry("ratio", 0.5)
        .containsEntry("ok", true).containsEntry("tags", List.of("a", 7L))
        .containsEntry("otel.scope.name", "my.library");
    assertThat(span.category()).isEqualTo(SpanCategory.LLM);
    Run run = telemetry().run(tenantId, "run-json").orElseThrow();
    assertThat(run.inputTokens()).isEqualTo(42);
    assertThat(run.startedAt()).isEqualTo(Instant.parse("2018-12-13T14:51:00Z"));
    assertThat(telemetry().runEventsOfRun(tenantId, "run-json", 10)).extracting(RunEvent::name)
        .containsExactly(RunEvent.FALLBACK);
  }

  @Test
  void anExportRetriedByTheClientIsStoredOnceAndCountedOnce() {
    String trace = Otlp.hex(16);
    var request = Otlp.request(List.of(
        Otlp.span(trace, "a").addAttributes(Otlp.attr("run.id", "run-retry"))
            .addAttributes(Otlp.attr("gen_ai.request.model", "m"))
            .addAttributes(Otlp.attr("gen_ai.usage.input_tokens", 10)).build(),
        Otlp.span(trace, "b").addAttributes(Otlp.attr("run.id", "run-retry")).build()));
    for (int i = 0; i < 3; i++) {
      Otlp.exportProtobuf(api, agentKey, request);
    }

    Run run = telemetry().run(tenantId, "run-retry").orElseThrow();
    assertThat(run.spanCount()).isEqualTo(2);
    assertThat(run.inputTokens()).isEqualTo(10);
  }

  @Test
  void tenantsOnlyEverWriteTheirOwnTelemetry() {
    api.createTenant("other");
    String otherKey = api.createKey("other", "agent", "agent").path("secret").asText();
    String trace = Otlp.hex(16);
    var span = Otlp.span(trace, "same ids").addAttributes(Otlp.attr("run.id", "run-shared")).build();
    Otlp.exportProtobuf(api, agentKey, Otlp.request(List.of(span)));
    Otlp.exportProtobuf(api, otherKey, Otlp.request(List.of(span)));

    assertThat(telemetry().runs(tenantId, RunFilter.ALL, PageRequest.first(10)).items()).hasSize(1);
    String otherId = api.get("/api/v1/tenants/other", api.adminKey()).json().path("id").asText();
    assertThat(telemetry().run(otherId, "run-shared").orElseThrow().spanCount()).isEqualTo(1);
    assertThat(telemetry().run(tenantId, "run-shared").orElseThrow().spanCount()).isEqualTo(1);
  }
}
