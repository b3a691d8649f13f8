package dev.aegis.bench.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;

/**
 * Writes a batch as a Zipkin JSON v2 list, the body of {@code POST /api/v2/spans}, the way OpenTelemetry's Zipkin
 * exporter maps spans: the resource's {@code service.name} is the local endpoint, the other resource attributes,
 * the span attributes, the scope and the status become tags (Zipkin tags are strings), events become
 * annotations, and a client span's peer is its remote endpoint. Times are microseconds.
 */
public final class ZipkinEncoding {
  private static final JsonFactory JSON = new JsonFactory();

  private ZipkinEncoding() {}

  public static byte[] json(AgentSpans.Batch batch) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(batch.spans().size() * 1_800);
    String service = String.valueOf(batch.resource().get("service.name"));
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartArray();
      for (BenchSpan s : batch.spans()) {
        g.writeStartObject();
        g.writeStringField("traceId", s.traceId());
        if (s.parentSpanId() != null) {
          g.writeStringField("parentId", s.parentSpanId());
        }
        g.writeStringField("id", s.spanId());
        if (!s.kind().equals("internal")) {
          g.writeStringField("kind", s.kind().toUpperCase(Locale.ROOT));
        }
        g.writeStringField("name", s.name());
        g.writeNumberField("timestamp", s.startUnixNanos() / 1_000);
        g.writeNumberField("duration", Math.max(1, (s.endUnixNanos() - s.startUnixNanos()) / 1_000));
        g.writeObjectFieldStart("localEndpoint");
        g.writeStringField("serviceName", service);
        g.writeEndObject();
        Object peer = s.attributes().getOrDefault("peer.service", s.attributes().get("server.address"));
        if (s.kind().equals("client") && peer != null) {
          g.writeObjectFieldStart("remoteEndpoint");
          g.writeStringField("serviceName", peer.toString());
          Object port = s.attributes().get("server.port");
          if (port != null) {
            g.writeNumberField("port", ((Long) port).intValue());
          }
          g.writeEndObject();
        }
        if (!s.events().isEmpty()) {
          g.writeArrayFieldStart("annotations");
          for (BenchSpan.Event e : s.events()) {
            g.writeStartObject();
            g.writeNumberField("timestamp", e.timeUnixNanos() / 1_000);
            g.writeStringField("value", "\"" + e.name() + "\":" + attributesJson(e.attributes()));
            g.writeEndObject();
          }
          g.writeEndArray();
        }
        g.writeObjectFieldStart("tags");
        for (Map.Entry<String, Object> a : s.attributes().entrySet()) {
          g.writeStringField(a.getKey(), a.getValue().toString());
        }
        for (Map.Entry<String, Object> a : batch.resource().entrySet()) {
          if (!a.getKey().equals("service.name")) {
            g.writeStringField(a.getKey(), a.getValue().toString());
          }
        }
        g.writeStringField("otel.scope.name", batch.scopeName());
        g.writeStringField("otel.scope.version", batch.scopeVersion());
        if (s.error()) {
          g.writeStringField("otel.status_code", "ERROR");
          g.writeStringField("error", s.statusMessage() == null ? "" : s.statusMessage());
        }
        g.writeEndObject();
        g.writeEndObject();
      }
      g.writeEndArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static String attributesJson(Map<String, Object> attributes) throws IOException {
    StringWriter text = new StringWriter();
    try (JsonGenerator g = JSON.createGenerator(text)) {
      g.writeStartObject();
      for (Map.Entry<String, Object> a : attributes.entrySet()) {
        g.writeStringField(a.getKey(), a.getValue().toString());
      }
      g.writeEndObject();
    }
    return text.toString();
  }
}
