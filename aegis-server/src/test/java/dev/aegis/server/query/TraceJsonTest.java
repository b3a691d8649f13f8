package dev.aegis.server.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aegis.core.telemetry.JsonMap;
import dev.aegis.core.telemetry.Nanos;
import dev.aegis.core.telemetry.PromptSnapshot;
import dev.aegis.core.telemetry.Run;
import dev.aegis.core.telemetry.RunEvent;
import dev.aegis.core.telemetry.RunStatus;
import dev.aegis.core.telemetry.Span;
import dev.aegis.core.telemetry.SpanCategory;
import dev.aegis.core.telemetry.SpanEvent;
import dev.aegis.core.telemetry.SpanKind;
import dev.aegis.core.telemetry.SpanStatus;
import dev.aegis.core.telemetry.ToolCall;
import dev.aegis.core.trace.SpanTree;
import dev.aegis.server.http.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The streamed trace answer is, byte for byte, what the API's JSON mapping makes of the documented view records
 * ({@link TraceViewReference}), whatever the tree holds: stored and parsed attribute maps, events, envelopes,
 * prompts, control events, every kind of link, nulls, odd text and times far from now.
 */
class TraceJsonTest {
  private static final ObjectMapper MAPPER = Json.newMapper();
  private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final long T0 = Nanos.of(Instant.parse("2026-11-24T12:00:00Z"));
  private static final long MS = 1_000_000L;

  @Test
  void writesWhatTheMappingWritesForEveryPartOfATree() throws IOException {
    List<Span> spans = new ArrayList<>();
    spans.add(span("a", null, T0, T0 + 600 * MS + 1_499, stored("{\"agent.id\":\"planner-1\",\"run.id\":\"r\","
        + "\"customer.email\":\"<EMAIL:cb89d926>\",\"n\":12345678901234,\"ratio\":0.25,\"ok\":true,"
        + "\"tags\":[\"a\",7],\"nested\":{\"k\":\"v\"},\"quote\":\"say \\\"hi\\\"\\n\",\"text\":\"grüße, 你好 ✓\"}"),
        List.of(new SpanEvent(T0 + 5 * MS, "exception", Map.of("exception.type", "IOException")),
            new SpanEvent(T0 + 6 * MS, RunEvent.POLICY_DECISION, Map.of("outcome", "allow")),
            new SpanEvent(T0 + 7 * MS, null, Map.of()))));
    Map<String, Object> plain = new LinkedHashMap<>();
    plain.put("gen_ai.request.model", "gpt-4o");
    plain.put("gen_ai.usage.input_tokens", 812L);
    spans.add(span("b", "a", T0 + 10 * MS, T0 + 310 * MS + 500, plain, List.of()));
    spans.add(span("c", "a", T0 + 320 * MS, T0 + 330 * MS, stored("{}"), List.of()));
    spans.add(span("d", "c", T0 + 321 * MS, T0 + 322 * MS, stored("  {\"spaced\" : 1}  "), List.of()));
    spans.add(span("e", "d", T0 + 323 * MS, T0 + 324 * MS, JsonMap.of("not json".getBytes(StandardCharsets.UTF_8)),
        List.of()));
    spans.add(span("orphan", "missing", T0 + 400 * MS, T0 + 401 * MS, Map.of(), List.of()));
    spans.add(span("loop-1", "loop-2", T0 + 500 * MS, T0 + 501 * MS, Map.of(), List.of()));
    spans.add(span("loop-2", "loop-1", T0 + 502 * MS, T0 + 503 * MS, Map.of(), List.of()));
    spans.add(new Span("ten_1", TRACE, "old", null, "r", "before 1970", SpanKind.SERVER, SpanCategory.OTHER,
        -1_500_000_123L, -1_000_000_000L, SpanStatus.UNSET, null, null, Map.of(), Map.of(), List.of()));
    String awkward = "tab\t nl\n cr\r bs\b ff\f ctl\u0001\u001f quote\" backslash\\ slash/ del\u007f é 你好 😀 \u2028";
    spans.add(new Span("ten_1", TRACE, "odd", "a", "r", awkward, SpanKind.CONSUMER, SpanCategory.TOOL,
        T0 + 700 * MS, T0 + 700 * MS, SpanStatus.ERROR, awkward, awkward, Map.of("k", awkward),
        Map.of(), List.of(new SpanEvent(T0 + 700 * MS, awkward, Map.of(awkward, List.of(awkward, 1L, 0.5))))));
    spans.add(new Span("ten_1", TRACE, "late", null, "r", "in 2262", SpanKind.PRODUCER, SpanCategory.LLM,
        Long.MAX_VALUE - 10, Long.MAX_VALUE, SpanStatus.ERROR, "boom", "svc", Map.of(), Map.of(), List.of()));

    ToolCall call = new ToolCall("ten_1", "r", TRACE, "c", "crm.lookup", "call_1", "https://crm.example/x", "POST",
        503, 10, null, true, stored("{\"http.request.header.authorization\":\"<REDACTED:ad24a8ee>\"}"),
        stored("{}"), Nanos.toInstant(T0 + 320 * MS));
    ToolCall bare = new ToolCall("ten_1", "r", TRACE, "d", "t", null, null, null, null, 1, 12L, false, Map.of(),
        Map.of("http.response.body.size", 512L), Nanos.toInstant(T0));
    PromptSnapshot prompt = new PromptSnapshot("ten_1", "r", TRACE, "b", "sha256:p", "s3://x", List.of("i1", "i2"),
        "gpt-4o", "Summarize <EMAIL:cb89d926>", Instant.EPOCH);
    PromptSnapshot hashOnly = new PromptSnapshot("ten_1", "r", TRACE, "e", null, null, List.of(), null, null,
        Instant.EPOCH);
    List<RunEvent> events = List.of(
        event("a", 1, Nanos.toInstant(T0 + 6 * MS), RunEvent.POLICY_DECISION, stored("{\"outcome\":\"allow\"}")),
        event("b", 0, Nanos.toInstant(T0 + 20 * MS), RunEvent.STATE_TRANSITION, Map.of("from", "plan", "to", "act")),
        event("b", 1, Nanos.toInstant(T0 + 21 * MS), "aegis.custom", Map.of()),
        event("gone", 0, Instant.parse("+12026-01-01T00:00:00.123456789Z"), RunEvent.FALLBACK, Map.of()),
        event("gone", 1, Instant.parse("1066-10-14T09:00:00Z"), RunEvent.APPROVAL_REQUESTED, Map.of()));
    SpanTree tree = SpanTree.build(spans, List.of(call, bare), List.of(prompt, hashOnly), events, 3);
    RunView run = RunView.of(new Run("ten_1", "r", TRACE, null, "planner-1", null, null, "triage", null, "svc",
        "production", null, null, RunStatus.ERROR, Nanos.toInstant(T0), Nanos.toInstant(T0 + 600 * MS), 812, 96, 0,
        spans.size(), 1, 2, List.of("gpt-4o")));

    String expected = MAPPER.writeValueAsString(TraceViewReference.of(run, "run", TRACE, tree, 20_000, 10_000));
    String written = write(run, tree, 20_000);

    assertThat(written).isEqualTo(expected);
    JsonNode answer = MAPPER.readTree(written);
    assertThat(answer.path("truncated").asBoolean()).isTrue();
    assertThat(answer.path("roots").get(0).path("attributes").path("text").asText()).isEqualTo("grüße, 你好 ✓");
    assertThat(links(answer.path("roots"))).contains("root", "child", "orphan", "continued", "cycle");
  }

  @Test
  void anEmptyTreeIsAnEmptyAnswer() throws IOException {
    SpanTree tree = SpanTree.build(List.of(), List.of(), List.of(), List.of(), SpanTree.DEFAULT_MAX_DEPTH);
    RunView run = RunView.of(new Run("ten_1", "r", TRACE, null, null, null, null, null, null, null, null, null, null,
        RunStatus.OK, Instant.EPOCH, Instant.EPOCH, 0, 0, 0, 0, 0, 0, List.of()));

    assertThat(write(run, tree, 0))
        .isEqualTo(MAPPER.writeValueAsString(TraceViewReference.of(run, "trace", TRACE, tree, 0, 10_000))
            .replace("\"scope\":\"trace\"", "\"scope\":\"run\""));
  }

  private static String write(RunView run, SpanTree tree, long total) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new TraceJson(MAPPER).write(out, run, "run", TRACE, tree, total, 10_000);
    return out.toString(StandardCharsets.UTF_8);
  }

  private static List<String> links(JsonNode nodes) {
    List<String> out = new ArrayList<>();
    List<JsonNode> stack = new ArrayList<>();
    nodes.forEach(stack::add);
    while (!stack.isEmpty()) {
      JsonNode node = stack.removeLast();
      out.add(node.path("link").asText());
      node.path("children").forEach(stack::add);
    }
    return out;
  }

  private static Map<String, Object> stored(String json) {
    return JsonMap.of(json.getBytes(StandardCharsets.UTF_8));
  }

  private static Span span(String id, String parent, long start, long end, Map<String, Object> attributes,
      List<SpanEvent> events) {
    return new Span("ten_1", TRACE, id, parent, "r", "op-" + id, SpanKind.INTERNAL, SpanCategory.AGENT, start, end,
        parent == null ? SpanStatus.OK : SpanStatus.ERROR, parent == null ? null : "it \"failed\"",
        parent == null ? null : "svc", attributes, Map.of(), events);
  }

  private static RunEvent event(String spanId, int seq, Instant at, String name, Map<String, Object> attributes) {
    return new RunEvent("ten_1", "r", TRACE, spanId, seq, at, name, attributes);
  }
}
