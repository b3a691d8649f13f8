package dev.aegis.store;

import dev.aegis.core.telemetry.Nanos;
import dev.aegis.core.telemetry.PromptSnapshot;
import dev.aegis.core.telemetry.RunDelta;
import dev.aegis.core.telemetry.RunEvent;
import dev.aegis.core.telemetry.Span;
import dev.aegis.core.telemetry.SpanCategory;
import dev.aegis.core.telemetry.SpanEvent;
import dev.aegis.core.telemetry.SpanKind;
import dev.aegis.core.telemetry.SpanRecord;
import dev.aegis.core.telemetry.SpanStatus;
import dev.aegis.core.telemetry.ToolCall;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;

/** Builds span records by hand, the way the ingest path's mapper would, for store tests. */
public final class TelemetryFixtures {
  public static final long T0 = Nanos.of(Instant.parse("2026-11-24T12:00:00Z"));
  private static final AtomicLong SEQUENCE = new AtomicLong(1);

  private TelemetryFixtures() {}

  public static String traceId() {
    return HexFormat.of().toHexDigits(SEQUENCE.incrementAndGet()) + HexFormat.of().toHexDigits(0xabcdefL);
  }

  public static String spanId() {
    return HexFormat.of().toHexDigits(SEQUENCE.incrementAndGet() | 0x1000_0000_0000_0000L);
  }

  /** A span record builder: tenant, run and trace, with sensible defaults for the rest. */
  public static Builder span(String tenantId, String runId, String traceId) {
    return new Builder(tenantId, runId, traceId);
  }

  /** Mutable, for tests only. */
  public static final class Builder {
    final String tenantId;
    final String runId;
    final String traceId;
    String spanId = TelemetryFixtures.spanId();
    String parentSpanId;
    String name = "agent.execute.task";
    SpanCategory category = SpanCategory.AGENT;
    long start = T0;
    long end = T0 + 1_000_000L;
    SpanStatus status = SpanStatus.OK;
    Map<String, Object> attributes = new LinkedHashMap<>(Map.of("agent.id", "summarizer-12"));
    List<SpanEvent> events = new ArrayList<>();
    String parentRunId;
    String agentId = "summarizer-12";
    String taskType = "document-summarize";
    long inputTokens;
    long outputTokens;
    long cachedTokens;
    List<String> models = new ArrayList<>();
    ToolCall toolCall;
    PromptSnapshot prompt;
    List<RunEvent> runEvents = new ArrayList<>();

    Builder(String tenantId, String runId, String traceId) {
      this.tenantId = tenantId;
      this.runId = runId;
      this.traceId = traceId;
    }

    public Builder spanId(String id) {
      spanId = id;
      return this;
    }

    public Builder parent(String id) {
      parentSpanId = id;
      return this;
    }

    public Builder name(String text) {
      name = text;
      return this;
    }

    public Builder category(SpanCategory value) {
      category = value;
      return this;
    }

    public Builder at(long startNanos, long endNanos) {
      start = startNanos;
      end = endNanos;
      return this;
    }

    public Builder error() {
      status = SpanStatus.ERROR;
      return this;
    }

    public Builder attribute(String key, Object value) {
      attributes.put(key, value);
      return this;
    }

    public Builder event(long time, String eventName, Map<String, Object> eventAttributes) {
      events.add(new SpanEvent(time, eventName, eventAttributes));
      return this;
    }

    public Builder parentRun(String id) {
      parentRunId = id;
      return this;
    }

    public Builder agent(String id) {
      agentId = id;
      return this;
    }

    public Builder taskType(String type) {
      taskType = type;
      return this;
    }

    public Builder tokens(long input, long output, long cached) {
      inputTokens = input;
      outputTokens = output;
      cachedTokens = cached;
      return this;
    }

    public Builder model(String model) {
      models.add(model);
      return this;
    }

    public Builder toolCall(String toolName, Integer statusCode) {
      category = SpanCategory.TOOL;
      toolCall = new ToolCall(tenantId, runId, traceId, spanId, toolName, "call-" + spanId, "https://api.example/v1",
          "POST", statusCode, (end - start) / 1_000_000L, 12L, statusCode != null && statusCode >= 400,
          Map.of("http.request.header.content-type", List.of("application/json")),
          Map.of("http.response.body.size", 512L), Nanos.toInstant(start));
      return this;
    }

    public Builder prompt(String hash, String content) {
      category = SpanCategory.LLM;
      prompt = new PromptSnapshot(tenantId, runId, traceId, spanId, hash, "s3://summaries/" + spanId,
          List.of("idx-1", "idx-2"), models.isEmpty() ? "gpt-4o" : models.get(0), content, Nanos.toInstant(start));
      return this;
    }

    public Builder runEvent(String eventName, Map<String, Object> eventAttributes) {
      runEvents.add(new RunEvent(tenantId, runId, traceId, spanId, runEvents.size(),
          Nanos.toInstant(start + runEvents.size()), eventName, eventAttributes));
      return this;
    }

    public SpanRecord build() {
      Span span = new Span(tenantId, traceId, spanId, parentSpanId, runId, name, SpanKind.INTERNAL, category, start,
          end, status, status == SpanStatus.ERROR ? "it failed" : null, "agent-runner", attributes,
          Map.of("service.name", "agent-runner", "deployment_env", "production", "region", "us-east-1"), events);
      RunDelta delta = new RunDelta(tenantId, runId, traceId, parentRunId, agentId, null, null, taskType, null,
          "agent-runner", "production", "us-east-1", null, start, end, inputTokens, outputTokens, cachedTokens, 1,
          status == SpanStatus.ERROR ? 1 : 0, toolCall == null ? 0 : 1, new TreeSet<>(models));
      ToolCall tool = toolCall == null ? null : new ToolCall(tenantId, runId, traceId, spanId, toolCall.toolName(),
          toolCall.toolCallId(), toolCall.endpoint(), toolCall.method(), toolCall.statusCode(), toolCall.latencyMs(),
          toolCall.costTokens(), toolCall.error(), toolCall.request(), toolCall.response(), toolCall.startedAt());
      PromptSnapshot snapshot = prompt == null ? null : new PromptSnapshot(tenantId, runId, traceId, spanId,
          prompt.promptHash(), prompt.summaryPointer(), prompt.vectorIndexIds(), prompt.model(), prompt.content(),
          prompt.at());
      List<RunEvent> events = runEvents.stream().map(e -> new RunEvent(tenantId, runId, traceId, spanId, e.seq(),
          e.time(), e.name(), e.attributes())).toList();
      return new SpanRecord(span, delta, tool, snapshot, events);
    }
  }
}
