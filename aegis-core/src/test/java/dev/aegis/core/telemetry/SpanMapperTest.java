package dev.aegis.core.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aegis.core.redact.CaptureLevel;
import dev.aegis.core.redact.RedactionPolicy;
import dev.aegis.core.redact.Redactor;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SpanMapperTest {
  private static final byte[] KEY = "span-mapper-test-key-0123456789ab".getBytes(StandardCharsets.UTF_8);
  private static final String TRACE = "5b8efff798038103d269b633813fc60c";
  private static final long T0 = 1_764_000_000_000_000_000L;
  private static final DecodedSpan.Resource BRIEF_RESOURCE = new DecodedSpan.Resource(Map.of(
      "service.name", "agent-runner", "deployment_env", "production", "region", "us-east-1"));

  private final SpanMapper mapper = new SpanMapper(new Redactor(RedactionPolicy.defaults(KEY)));

  private static DecodedSpan span(String spanId, String parent, Map<String, Object> attributes) {
    return span(spanId, parent, SpanKind.INTERNAL, SpanStatus.UNSET, attributes, BRIEF_RESOURCE);
  }

  private static DecodedSpan span(String spanId, String parent, SpanKind kind, SpanStatus status,
      Map<String, Object> attributes, DecodedSpan.Resource resource) {
    return new DecodedSpan(TRACE, spanId, parent, "op", kind, T0, T0 + 2_000_000, status, null, attributes,
        List.of(), resource, null, null);
  }

  private SpanRecord one(DecodedSpan span) {
    return mapper.map("ten_1", List.of(span), SpanMapper.RunLookup.NONE).get(0);
  }

  @Test
  void theBriefsExampleSpanBecomesAnAgentSpanOfItsRun() {
    SpanRecord record = one(span("00000000000000a1", null, Map.of(
        "agent.id", "summarizer-12", "task.type", "document-summarize", "run.id", "run-20260529-01",
        "model.name", "gpt-4o", "prompt.hash", "sha256:...")));

    assertThat(record.span().runId()).isEqualTo("run-20260529-01");
    assertThat(record.span().category()).isEqualTo(SpanCategory.AGENT);
    assertThat(record.span().serviceName()).isEqualTo("agent-runner");
    RunDelta run = record.run();
    assertThat(run.agentId()).isEqualTo("summarizer-12");
    assertThat(run.taskType()).isEqualTo("document-summarize");
    assertThat(run.environment()).isEqualTo("production");
    assertThat(run.region()).isEqualTo("us-east-1");
    assertThat(run.serviceName()).isEqualTo("agent-runner");
    assertThat(run.models()).containsExactly("gpt-4o");
    assertThat(record.promptSnapshot().promptHash()).isEqualTo("sha256:...");
    assertThat(record.promptSnapshot().model()).isEqualTo("gpt-4o");
    assertThat(record.toolCall()).isNull();
  }

  @Test
  void readsEveryNameOfTheTableNewAndLegacy() {
    Map<String, Object> a = new LinkedHashMap<>();
    a.put("gen_ai.operation.name", "chat");
    a.put("gen_ai.agent.id", "agent-7");
    a.put("gen_ai.agent.name", "Summarizer");
    a.put("gen_ai.agent.version", "1.4.2");
    a.put("gen_ai.conversation.id", "conv-9");
    a.put("gen_ai.provider.name", "openai");
    a.put("gen_ai.request.model", "gpt-4o");
    a.put("gen_ai.response.model", "gpt-4o-2024-08-06");
    a.put("gen_ai.usage.input_tokens", 812L);
    a.put("gen_ai.usage.output_tokens", 96L);
    a.put("gen_ai.usage.cache_read.input_tokens", 512L);
    a.put("workflow.stage", "draft");
    a.put("parent_run_id", "run-parent");
    SpanRecord record = one(span("00000000000000a1", null, a));

    assertThat(record.span().category()).isEqualTo(SpanCategory.LLM);
    RunDelta run = record.run();
    assertThat(run.agentId()).isEqualTo("agent-7");
    assertThat(run.agentName()).isEqualTo("Summarizer");
    assertThat(run.agentVersion()).isEqualTo("1.4.2");
    assertThat(run.conversationId()).isEqualTo("conv-9");
    assertThat(run.stage()).isEqualTo("draft");
    assertThat(run.parentRunId()).isEqualTo("run-parent");
    assertThat(run.inputTokens()).isEqualTo(812);
    assertThat(run.outputTokens()).isEqualTo(96);
    assertThat(run.cachedInputTokens()).isEqualTo(512);
    assertThat(run.models()).containsExactly("gpt-4o-2024-08-06");

    SpanRecord legacy = one(span("00000000000000a2", null, Map.of(
        "gen_ai.system", "openai", "gen_ai.request.model", "gpt-4o",
        "gen_ai.usage.prompt_tokens", 30L, "gen_ai.usage.completion_tokens", 7L,
        "aegis.parent_run_id", "run-legacy-parent")));
    assertThat(legacy.span().category()).isEqualTo(SpanCategory.LLM);
    assertThat(legacy.run().inputTokens()).isEqualTo(30);
    assertThat(legacy.run().outputTokens()).isEqualTo(7);
    assertThat(legacy.run().parentRunId()).isEqualTo("run-legacy-parent");
    assertThat(legacy.span().attributes()).containsEntry("gen_ai.system", "openai");
  }

  @Test
  void theNewNameWinsOverTheLegacyOne() {
    SpanRecord record = one(span("00000000000000a1", null, Map.of(
        "gen_ai.request.model", "m", "gen_ai.usage.input_tokens", 10L, "gen_ai.usage.prompt_tokens", 99L,
        "gen_ai.usage.output_tokens", 3L, "gen_ai.usage.completion_tokens", 77L,
        "http.request.method", "POST", "http.method", "GET")));
    assertThat(record.run().inputTokens()).isEqualTo(10);
    assertThat(record.run().outputTokens()).isEqualTo(3);
  }

  @Test
  void toolCallEnvelopesComeFromGenAiToolAndHttpAttributesNewAndOld() {
    Map<String, Object> a = new LinkedHashMap<>();
    a.put("gen_ai.operation.name", "execute_tool");
    a.put("gen_ai.tool.name", "crm.update");
    a.put("gen_ai.tool.call.id", "call_42");
    a.put("http.request.method", "PUT");
    a.put("url.full", "https://crm.example.com/v1/contacts/7");
    a.put("http.response.status_code", 409L);
    a.put("http.request.header.content-type", List.of("application/json"));
    a.put("http.response.body.size", 120L);
    a.put("error.type", "409");
    a.put("cost_tokens", 12L);
    SpanRecord record = one(span("00000000000000a1", null, SpanKind.CLIENT, SpanStatus.UNSET, a, BRIEF_RESOURCE));

    ToolCall call = record.toolCall();
    assertThat(record.span().category()).isEqualTo(SpanCategory.TOOL);
    assertThat(call.toolName()).isEqualTo("crm.update");
    assertThat(call.toolCallId()).isEqualTo("call_42");
    assertThat(call.method()).isEqualTo("PUT");
    assertThat(call.endpoint()).isEqualTo("https://crm.example.com/v1/contacts/7");
    assertThat(call.statusCode()).isEqualTo(409);
    assertThat(call.latencyMs()).isEqualTo(2);
    assertThat(call.costTokens()).isEqualTo(12);
    assertThat(call.error()).isTrue();
    assertThat(call.request()).containsOnlyKeys("http.request.header.content-type", "url.full");
    assertThat(call.response()).containsOnlyKeys("http.response.body.size");
    assertThat(record.run().toolCallCount()).isEqualTo(1);
    assertThat(record.run().errorCount()).isEqualTo(1);

    SpanRecord old = one(span("00000000000000a2", null, SpanKind.CLIENT, SpanStatus.UNSET, Map.of(
        "http.method", "GET", "http.url", "https://api.example.com/search?q=x", "http.status_code", 200L),
        BRIEF_RESOURCE));
    assertThat(old.span().category()).isEqualTo(SpanCategory.TOOL);
    assertThat(old.toolCall().method()).isEqualTo("GET");
    assertThat(old.toolCall().endpoint()).isEqualTo("https://api.example.com/search?q=x");
    assertThat(old.toolCall().statusCode()).isEqualTo(200);
    assertThat(old.toolCall().error()).isFalse();
    assertThat(old.toolCall().toolName()).isEqualTo("op");

    SpanRecord composed = one(span("00000000000000a3", null, SpanKind.CLIENT, SpanStatus.ERROR, Map.of(
        "http.request.method", "POST", "server.address", "db.internal", "server.port", 8443L,
        "http.route", "/rows/{id}", "latency_ms", 250L), BRIEF_RESOURCE));
    assertThat(composed.toolCall().endpoint()).isEqualTo("db.internal:8443/rows/{id}");
    assertThat(composed.toolCall().toolName()).isEqualTo("db.internal");
    assertThat(composed.toolCall().latencyMs()).isEqualTo(250);
    assertThat(composed.toolCall().error()).isTrue();
  }

  @Test
  void theBriefsEnvelopeNamesWorkToo() {
    SpanRecord record = one(span("00000000000000a1", null, Map.of(
        "tool.name", "s3.get", "endpoint", "s3://bucket/key", "status_code", 200L, "latency_ms", 31L,
        "cost_tokens", 0L)));
    assertThat(record.toolCall().toolName()).isEqualTo("s3.get");
    assertThat(record.toolCall().endpoint()).isEqualTo("s3://bucket/key");
    assertThat(record.toolCall().statusCode()).isEqualTo(200);
    assertThat(record.toolCall().latencyMs()).isEqualTo(31);
    assertThat(record.toolCall().costTokens()).isZero();
  }

  @Test
  void classifiesByOperationFirstThenByWhatTheSpanCarries() {
    assertThat(category(Map.of("gen_ai.operation.name", "invoke_agent"))).isEqualTo(SpanCategory.AGENT);
    assertThat(category(Map.of("gen_ai.operation.name", "create_agent"))).isEqualTo(SpanCategory.AGENT);
    assertThat(category(Map.of("gen_ai.operation.name", "embeddings"))).isEqualTo(SpanCategory.LLM);
    assertThat(category(Map.of("gen_ai.operation.name", "text_completion"))).isEqualTo(SpanCategory.LLM);
    assertThat(category(Map.of("gen_ai.operation.name", "execute_tool", "gen_ai.request.model", "m")))
        .isEqualTo(SpanCategory.TOOL);
    assertThat(category(Map.of("gen_ai.agent.name", "a"))).isEqualTo(SpanCategory.AGENT);
    assertThat(category(Map.of("gen_ai.usage.output_tokens", 1L))).isEqualTo(SpanCategory.LLM);
    assertThat(category(Map.of("db.system", "postgresql"))).isEqualTo(SpanCategory.OTHER);
    assertThat(category(Map.of())).isEqualTo(SpanCategory.OTHER);
  }

  private SpanCategory category(Map<String, Object> attributes) {
    return one(span("00000000000000a1", null, attributes)).span().category();
  }

  @Test
  void onlyModelCallsAddTokensToTheirRun() {
    SpanRecord agent = one(span("00000000000000a1", null, Map.of(
        "gen_ai.operation.name", "invoke_agent", "gen_ai.usage.input_tokens", 1000L)));
    assertThat(agent.run().inputTokens()).as("an agent span's usage sums its children's").isZero();
    assertThat(agent.span().attributes()).containsEntry("gen_ai.usage.input_tokens", 1000L);
  }

  @Test
  void runIdComesFromTheSpanThenTheResourceThenTheParentThenTheTrace() {
    DecodedSpan.Resource withRun = new DecodedSpan.Resource(Map.of("run.id", "run-from-resource"));
    DecodedSpan root = span("00000000000000a1", null, SpanKind.INTERNAL, SpanStatus.UNSET, Map.of(), withRun);
    DecodedSpan explicit = span("00000000000000a2", null, SpanKind.INTERNAL, SpanStatus.UNSET,
        Map.of("run.id", "run-own"), withRun);
    // a grandchild listed before its parent, both without run.id
    DecodedSpan grandchild = span("00000000000000b2", "00000000000000b1", Map.of());
    DecodedSpan child = span("00000000000000b1", "00000000000000a2", Map.of());
    DecodedSpan earlierParent = span("00000000000000c1", "00000000000000f0", Map.of());
    DecodedSpan orphan = span("00000000000000d1", "00000000000000e0", Map.of());
    DecodedSpan.Resource none = DecodedSpan.Resource.EMPTY;
    DecodedSpan bare = span("00000000000000d2", null, SpanKind.INTERNAL, SpanStatus.UNSET, Map.of(), none);
    List<Collection<SpanKey>> asked = new ArrayList<>();
    SpanMapper.RunLookup lookup = keys -> {
      asked.add(List.copyOf(keys));
      return Map.of(new SpanKey(TRACE, "00000000000000f0"), "run-stored-earlier");
    };

    List<SpanRecord> records = mapper.map("ten_1",
        List.of(root, explicit, grandchild, child, earlierParent, orphan, bare), lookup);

    assertThat(records).extracting(r -> r.span().runId()).containsExactly("run-from-resource", "run-own",
        "run-own", "run-own", "run-stored-earlier", TRACE, TRACE);
    assertThat(asked).hasSize(1);
    assertThat(asked.get(0)).containsExactlyInAnyOrder(new SpanKey(TRACE, "00000000000000f0"),
        new SpanKey(TRACE, "00000000000000e0"));
  }

  @Test
  void everyValueIsRedactedAndUnknownAttributesAreKept() {
    DecodedSpan raw = new DecodedSpan(TRACE, "00000000000000a1", null, "lookup jane.doe@example.com",
        SpanKind.INTERNAL, T0, T0 + 1, SpanStatus.ERROR, "failed for jane.doe@example.com",
        Map.of("my.custom", "call +1 415 555 0100", "count", 3L, "user.password", "hunter2"),
        List.of(new SpanEvent(T0, "aegis.approval_requested", Map.of("note", "ask jane.doe@example.com"))),
        new DecodedSpan.Resource(Map.of("host.ip", "203.0.113.42")), "scope", "1.0");
    SpanRecord record = one(raw);

    Span span = record.span();
    assertThat(span.name()).startsWith("lookup <EMAIL:");
    assertThat(span.statusMessage()).startsWith("failed for <EMAIL:");
    assertThat(span.attributes()).containsKeys("my.custom", "count", "user.password", "otel.scope.name");
    assertThat(span.attributes().get("my.custom")).asString().startsWith("call <PHONE:");
    assertThat(span.attributes()).containsEntry("count", 3L);
    assertThat(span.attributes().get("user.password")).asString().startsWith("<REDACTED:");
    assertThat(span.resourceAttributes().get("host.ip")).asString().startsWith("<IP:");
    assertThat(span.events().get(0).attributes().get("note")).asString().startsWith("ask <EMAIL:");
    assertThat(record.runEvents()).hasSize(1);
    assertThat(record.runEvents().get(0).name()).isEqualTo(RunEvent.APPROVAL_REQUESTED);
    assertThat(record.runEvents().get(0).attributes().get("note")).asString().startsWith("ask <EMAIL:");
    assertThat(record.run().errorCount()).isEqualTo(1);
  }

  @Test
  void promptContentIsKeptOnlyAsTheCaptureLevelAllows() {
    Map<String, Object> a = Map.of("gen_ai.request.model", "gpt-4o",
        "gen_ai.input.messages", "Summarize for jane.doe@example.com", "vector.index_ids", List.of("v1", "v2"),
        "prompt.summary_pointer", "s3://summaries/42");
    String rawHash = "sha256:" + java.util.HexFormat.of().formatHex(sha256("Summarize for jane.doe@example.com"));

    PromptSnapshot hashed = one(span("00000000000000a1", null, a)).promptSnapshot();
    assertThat(hashed.content()).isNull();
    assertThat(hashed.promptHash()).isEqualTo(rawHash);
    assertThat(hashed.summaryPointer()).isEqualTo("s3://summaries/42");
    assertThat(hashed.vectorIndexIds()).containsExactly("v1", "v2");

    PromptSnapshot redacted = at(CaptureLevel.REDACTED).map("t", List.of(span("00000000000000a1", null, a)),
        SpanMapper.RunLookup.NONE).get(0).promptSnapshot();
    assertThat(redacted.content()).startsWith("Summarize for <EMAIL:");
    assertThat(redacted.promptHash()).isEqualTo(rawHash);

    PromptSnapshot full = at(CaptureLevel.FULL).map("t", List.of(span("00000000000000a1", null, a)),
        SpanMapper.RunLookup.NONE).get(0).promptSnapshot();
    assertThat(full.content()).isEqualTo("Summarize for jane.doe@example.com");

    SpanRecord none = at(CaptureLevel.NONE).map("t", List.of(span("00000000000000a1", null, a)),
        SpanMapper.RunLookup.NONE).get(0);
    assertThat(none.promptSnapshot().content()).isNull();
    assertThat(none.promptSnapshot().promptHash()).isNull();
    assertThat(none.span().attributes()).containsEntry("gen_ai.input.messages", "<NOT_CAPTURED>");
  }

  @Test
  void aSpanWithoutPromptFieldsHasNoSnapshot() {
    assertThat(one(span("00000000000000a1", null, Map.of("gen_ai.request.model", "m"))).promptSnapshot()).isNull();
  }

  @Test
  void theStoredJsonIsMadeFromTheRedactedParts() {
    DecodedSpan.Resource resource = new DecodedSpan.Resource(Map.of("service.name", "agent-runner",
        "owner.email", "ops@example.com"));
    Map<String, Object> tool = new LinkedHashMap<>();
    tool.put("gen_ai.operation.name", "execute_tool");
    tool.put("gen_ai.tool.name", "crm.lookup");
    tool.put("url.full", "https://crm.example.com/contacts?email=jane.doe@example.com");
    tool.put("http.response.status_code", 200L);
    DecodedSpan withEvent = new DecodedSpan(TRACE, "00000000000000a2", "00000000000000a1", "call", SpanKind.CLIENT,
        T0, T0 + 1, SpanStatus.UNSET, null, tool, List.of(new SpanEvent(T0, RunEvent.POLICY_DECISION,
            Map.of("decision", "allow"))), resource, null, null);
    List<SpanRecord> records = mapper.map("ten_1", List.of(
        span("00000000000000a1", null, SpanKind.INTERNAL, SpanStatus.UNSET, Map.of("run.id", "run-1"), resource),
        withEvent), SpanMapper.RunLookup.NONE);

    StoredJson json = records.get(1).json();
    assertThat(json.attributes()).isEqualTo(JsonText.of(records.get(1).span().attributes()))
        .doesNotContain("jane.doe@example.com");
    assertThat(json.resourceAttributes()).isEqualTo(JsonText.of(records.get(1).span().resourceAttributes()))
        .doesNotContain("ops@example.com")
        .isSameAs(records.get(0).json().resourceAttributes());
    assertThat(json.events()).isEqualTo(JsonText.ofEvents(records.get(1).span().events()));
    assertThat(json.toolRequest()).isEqualTo(JsonText.of(records.get(1).toolCall().request())).contains("url.full");
    assertThat(json.toolResponse()).isEqualTo(JsonText.of(records.get(1).toolCall().response()));
    assertThat(json.runEventAttributes()).containsExactly("{\"decision\":\"allow\"}");
    assertThat(records.get(0).json().toolRequest()).isNull();
    assertThat(records.get(0).json().runEventAttributes()).isEmpty();
    // a record made without JSON makes the same from its parts
    SpanRecord r = records.get(1);
    assertThat(new SpanRecord(r.span(), r.run(), r.toolCall(), r.promptSnapshot(), r.runEvents()).json())
        .isEqualTo(json);
  }

  private static SpanMapper at(CaptureLevel level) {
    return new SpanMapper(new Redactor(RedactionPolicy.defaults(KEY).withCaptureLevel(level)));
  }

  private static byte[] sha256(String text) {
    try {
      return java.security.MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
