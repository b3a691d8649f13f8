package dev.aegis.bench.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/** Writes a batch as an OTLP/HTTP export request body: protobuf, or OTLP/JSON with hex ids. */
public final class OtlpEncoding {
  private static final JsonFactory JSON = new JsonFactory();

  private OtlpEncoding() {}

  public static byte[] protobuf(AgentSpans.Batch batch) {
    ScopeSpans.Builder scope = ScopeSpans.newBuilder()
        .setScope(InstrumentationScope.newBuilder().setName(batch.scopeName()).setVersion(batch.scopeVersion()));
    for (BenchSpan s : batch.spans()) {
      Span.Builder span = Span.newBuilder()
          .setTraceId(ByteString.fromHex(s.traceId()))
          .setSpanId(ByteString.fromHex(s.spanId()))
          .setName(s.name())
          .setKind(kind(s.kind()))
          .setStartTimeUnixNano(s.startUnixNanos())
          .setEndTimeUnixNano(s.endUnixNanos())
          .setStatus(Status.newBuilder()
              .setCode(s.error() ? Status.StatusCode.STATUS_CODE_ERROR : Status.StatusCode.STATUS_CODE_UNSET)
              .setMessage(s.statusMessage() == null ? "" : s.statusMessage()));
      if (s.parentSpanId() != null) {
        span.setParentSpanId(ByteString.fromHex(s.parentSpanId()));
      }
      s.attributes().forEach((k, v) -> span.addAttributes(keyValue(k, v)));
      for (BenchSpan.Event e : s.events()) {
        Span.Event.Builder event = Span.Event.newBuilder().setTimeUnixNano(e.timeUnixNanos()).setName(e.name());
        e.attributes().forEach((k, v) -> event.addAttributes(keyValue(k, v)));
        span.addEvents(event);
      }
      scope.addSpans(span);
    }
    Resource.Builder resource = Resource.newBuilder();
    batch.resource().forEach((k, v) -> resource.addAttributes(keyValue(k, v)));
    return ExportTraceServiceRequest.newBuilder()
        .addResourceSpans(ResourceSpans.newBuilder().setResource(resource).addScopeSpans(scope))
        .build()
        .toByteArray();
  }

  public static byte[] json(AgentSpans.Batch batch) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(batch.spans().size() * 1_600);
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      g.writeArrayFieldStart("resourceSpans");
      g.writeStartObject();
      g.writeObjectFieldStart("resource");
      attributes(g, batch.resource());
      g.writeEndObject();
      g.writeArrayFieldStart("scopeSpans");
      g.writeStartObject();
      g.writeObjectFieldStart("scope");
      g.writeStringField("name", batch.scopeName());
      g.writeStringField("version", batch.scopeVersion());
      g.writeEndObject();
      g.writeArrayFieldStart("spans");
      for (BenchSpan s : batch.spans()) {
        g.writeStartObject();
        g.writeStringField("traceId", s.traceId());
        g.writeStringField("spanId", s.spanId());
        if (s.parentSpanId() != null) {
          g.writeStringField("parentSpanId", s.parentSpanId());
        }
        g.writeStringField("name", s.name());
        g.writeNumberField("kind", kind(s.kind()).getNumber());
        g.writeStringField("startTimeUnixNano", Long.toString(s.startUnixNanos()));
        g.writeStringField("endTimeUnixNano", Long.toString(s.endUnixNanos()));
        attributes(g, s.attributes());
        if (!s.events().isEmpty()) {
          g.writeArrayFieldStart("events");
          for (BenchSpan.Event e : s.events()) {
            g.writeStartObject();
            g.writeStringField("timeUnixNano", Long.toString(e.timeUnixNanos()));
            g.writeStringField("name", e.name());
            attributes(g, e.attributes());
            g.writeEndObject();
          }
          g.writeEndArray();
        }
        g.writeObjectFieldStart("status");
        if (s.error()) {
          g.writeNumberField("code", Status.StatusCode.STATUS_CODE_ERROR.getNumber());
          g.writeStringField("message", s.statusMessage());
        }
        g.writeEndObject();
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
      g.writeEndArray();
      g.writeEndObject();
      g.writeEndArray();
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static void attributes(JsonGenerator g, Map<String, Object> attributes) throws IOException {
    g.writeArrayFieldStart("attributes");
    for (Map.Entry<String, Object> a : attributes.entrySet()) {
      g.writeStartObject();
      g.writeStringField("key", a.getKey());
      g.writeObjectFieldStart("value");
      switch (a.getValue()) {
        case String text -> g.writeStringField("stringValue", text);
        case Long number -> g.writeStringField("intValue", Long.toString(number));
        case Double number -> g.writeNumberField("doubleValue", number);
        case Boolean flag -> g.writeBooleanField("boolValue", flag);
        default -> throw new IllegalArgumentException("unexpected attribute value " + a.getValue());
      }
      g.writeEndObject();
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  private static KeyValue keyValue(String key, Object value) {
    AnyValue.Builder v = AnyValue.newBuilder();
    switch (value) {
      case String text -> v.setStringValue(text);
      case Long number -> v.setIntValue(number);
      case Double number -> v.setDoubleValue(number);
      case Boolean flag -> v.setBoolValue(flag);
      default -> throw new IllegalArgumentException("unexpected attribute value " + value);
    }
    return KeyValue.newBuilder().setKey(key).setValue(v).build();
  }

  private static Span.SpanKind kind(String kind) {
    return switch (kind) {
      case "server" -> Span.SpanKind.SPAN_KIND_SERVER;
      case "client" -> Span.SpanKind.SPAN_KIND_CLIENT;
      case "producer" -> Span.SpanKind.SPAN_KIND_PRODUCER;
      case "consumer" -> Span.SpanKind.SPAN_KIND_CONSUMER;
      default -> Span.SpanKind.SPAN_KIND_INTERNAL;
    };
  }
}
