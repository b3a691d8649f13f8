package dev.aegis.server;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.zip.GZIPOutputStream;

/** Builds OTLP requests by hand and posts them, for tests of what the SDK never sends. */
final class Otlp {
  static final long T0 = 1_764_000_000_000_000_000L;

  private Otlp() {}

  static String hex(int bytes) {
    byte[] id = new byte[bytes];
    ThreadLocalRandom.current().nextBytes(id);
    id[0] |= 1;
    return HexFormat.of().formatHex(id);
  }

  static Span.Builder span(String traceId, String name) {
    return Span.newBuilder()
        .setTraceId(ByteString.fromHex(traceId))
        .setSpanId(ByteString.fromHex(hex(8)))
        .setName(name)
        .setKind(Span.SpanKind.SPAN_KIND_INTERNAL)
        .setStartTimeUnixNano(T0)
        .setEndTimeUnixNano(T0 + 1_000_000);
  }

  static KeyValue attr(String key, String value) {
    return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value)).build();
  }

  static KeyValue attr(String key, long value) {
    return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setIntValue(value)).build();
  }

  static ExportTraceServiceRequest request(List<Span> spans, KeyValue... resource) {
    return ExportTraceServiceRequest.newBuilder()
        .addResourceSpans(ResourceSpans.newBuilder()
            .setResource(Resource.newBuilder().addAllAttributes(List.of(resource)))
            .addScopeSpans(ScopeSpans.newBuilder().addAllSpans(spans)))
        .build();
  }

  static byte[] gzip(byte[] raw) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(raw);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** Posts a body to /v1/traces; {@code encoding} may be null. */
  static Response post(TestServer api, String key, String contentType, String encoding, byte[] body) {
    HttpRequest.Builder request = api.request("/v1/traces", key)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    if (encoding != null) {
      request.header("Content-Encoding", encoding);
    }
    return api.send(request);
  }

  static Response postProtobuf(TestServer api, String key, ExportTraceServiceRequest request) {
    return post(api, key, "application/x-protobuf", null, request.toByteArray());
  }

  /** Posts and reads the protobuf answer, asserting 200. */
  static ExportTraceServiceResponse exportProtobuf(TestServer api, String key, ExportTraceServiceRequest request) {
    try {
      HttpResponse<byte[]> response = java.net.http.HttpClient.newHttpClient().send(
          api.request("/v1/traces", key).header("Content-Type", "application/x-protobuf")
              .POST(HttpRequest.BodyPublishers.ofByteArray(request.toByteArray())).build(),
          HttpResponse.BodyHandlers.ofByteArray());
      if (response.statusCode() != 200) {
        throw new AssertionError("export answered " + response.statusCode() + ": " + new String(response.body()));
      }
      if (!response.headers().firstValue("Content-Type").orElse("").startsWith("application/x-protobuf")) {
        throw new AssertionError("answer is not protobuf: " + response.headers());
      }
      return ExportTraceServiceResponse.parseFrom(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
