package dev.aegis.server;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends runs with chosen ids, parents and times through the real OTLP path (protobuf over HTTP to /v1/traces), for
 * tests of what is read back. The OpenTelemetry SDK picks ids and times itself; these tests need to pick them.
 */
final class Fleet {
  /** Every span time is an offset from here, in milliseconds. */
  static final Instant T0 = Instant.parse("2026-11-24T12:00:00Z");
  static final long T0_NANOS = T0.getEpochSecond() * 1_000_000_000L;
  private static final AtomicLong IDS = new AtomicLong(0x1000);

  private final TestServer api;
  private final String key;

  Fleet(TestServer api, String key) {
    this.api = api;
    this.key = key;
  }

  /** A new trace id, unique in this JVM. */
  static String traceId() {
    return "%016x%016x".formatted(0xabcdef0123L, IDS.incrementAndGet());
  }

  /** A new span id, unique in this JVM. */
  static String spanId() {
    return "%016x".formatted(0x5000_0000_0000_0000L | IDS.incrementAndGet());
  }

  /** A span of {@code trace} from {@code startMs} to {@code endMs} after {@link #T0}. */
  static Span.Builder span(String trace, String spanId, String parentSpanId, String name, long startMs, long endMs) {
    Span.Builder span = Span.newBuilder()
        .setTraceId(ByteString.fromHex(trace))
        .setSpanId(ByteString.fromHex(spanId))
        .setName(name)
        .setKind(Span.SpanKind.SPAN_KIND_INTERNAL)
        .setStartTimeUnixNano(T0_NANOS + startMs * 1_000_000L)
        .setEndTimeUnixNano(T0_NANOS + endMs * 1_000_000L);
    if (parentSpanId != null) {
      span.setParentSpanId(ByteString.fromHex(parentSpanId));
    }
    return span;
  }

  static Span.Builder failed(Span.Builder span, String message) {
    return span.setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_ERROR).setMessage(message));
  }

  static KeyValue attr(String key, String value) {
    return Otlp.attr(key, value);
  }

  static KeyValue attr(String key, long value) {
    return Otlp.attr(key, value);
  }

  static Span.Event event(long atMs, String name, KeyValue... attributes) {
    return Span.Event.newBuilder().setTimeUnixNano(T0_NANOS + atMs * 1_000_000L).setName(name)
        .addAllAttributes(List.of(attributes)).build();
  }

  /**
   * A run of one root span and {@code children} child spans, all in a new trace.
   *
   * @param parentRunId the run that started it, or null
   * @param model the model its one LLM child used, or null for no LLM child
   * @param error whether the root span failed
   * @return the root span's id
   */
  String run(String runId, String agent, String taskType, long startMs, String parentRunId, String model,
      boolean error) {
    String trace = traceId();
    String root = spanId();
    List<Span> spans = new ArrayList<>();
    Span.Builder rootSpan = span(trace, root, null, "agent.execute.task", startMs, startMs + 10)
        .addAttributes(attr("run.id", runId))
        .addAttributes(attr("agent.id", agent))
        .addAttributes(attr("task.type", taskType));
    if (parentRunId != null) {
      rootSpan.addAttributes(attr("parent_run_id", parentRunId));
    }
    spans.add((error ? failed(rootSpan, "it failed") : rootSpan).build());
    if (model != null) {
      spans.add(span(trace, spanId(), root, "chat " + model, startMs + 1, startMs + 5)
          .addAttributes(attr("gen_ai.operation.name", "chat"))
          .addAttributes(attr("gen_ai.request.model", model))
          .addAttributes(attr("gen_ai.usage.input_tokens", 100))
          .addAttributes(attr("gen_ai.usage.output_tokens", 20))
          .build());
    }
    send(spans);
    return root;
  }

  /** Exports the spans in one request and checks that every one was accepted. */
  void send(List<Span> spans) {
    ExportTraceServiceResponse response = Otlp.exportProtobuf(api, key,
        Otlp.request(spans, attr("service.name", "agent-runner"), attr("deployment_env", "production")));
    if (response.hasPartialSuccess() && response.getPartialSuccess().getRejectedSpans() > 0) {
      throw new AssertionError("spans rejected: " + response.getPartialSuccess());
    }
  }

  static AnyValue text(String value) {
    return AnyValue.newBuilder().setStringValue(value).build();
  }
}
