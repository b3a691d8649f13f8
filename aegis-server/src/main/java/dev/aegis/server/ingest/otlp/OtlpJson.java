package dev.aegis.server.ingest.otlp;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.io.IOException;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Reads OTLP/JSON. The OTLP spec writes trace and span ids as hex, where protobuf's JSON mapping expects base64;
 * so the ids are rewritten in the parsed tree first, then protobuf's {@link JsonFormat} does the rest (field names
 * in lowerCamelCase or as in the proto, enums as names or numbers, 64-bit integers as strings or numbers, unknown
 * fields ignored). An id that is not hex does not fail the request: its span is rejected on its own.
 */
final class OtlpJson {
  private static final ObjectMapper MAPPER = JsonMapper.builder()
      .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
      .build();
  private static final JsonFormat.Parser PARSER = JsonFormat.parser().ignoringUnknownFields();
  private static final List<String> ID_FIELDS =
      List.of("traceId", "trace_id", "spanId", "span_id", "parentSpanId", "parent_span_id");

  private OtlpJson() {}

  /**
   * The request, and for spans whose ids were not hex, what was wrong, by position.
   *
   * @throws OtlpDecodingException when the body is not JSON or not an OTLP trace request
   */
  static Parsed parse(byte[] body) {
    JsonNode root;
    try {
      root = MAPPER.readTree(body);
    } catch (JacksonException e) {
      var at = e.getLocation();
      throw new OtlpDecodingException("The body is not valid JSON"
          + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr()) + ": "
          + e.getOriginalMessage());
    } catch (IOException e) {
      throw new OtlpDecodingException("The body could not be read as JSON.");
    }
    if (!(root instanceof ObjectNode)) {
      throw new OtlpDecodingException("The body must be a JSON object with \"resourceSpans\", as OTLP/JSON is.");
    }
    Map<SpanPosition, String> problems = new HashMap<>();
    JsonNode resources = field(root, "resourceSpans", "resource_spans");
    for (int r = 0; r < resources.size(); r++) {
      JsonNode scopes = field(resources.get(r), "scopeSpans", "scope_spans");
      for (int s = 0; s < scopes.size(); s++) {
        JsonNode spans = field(scopes.get(s), "spans", "spans");
        for (int i = 0; i < spans.size(); i++) {
          if (spans.get(i) instanceof ObjectNode span) {
            rewriteIds(span, new SpanPosition(r, s, i), problems);
            for (JsonNode link : field(span, "links", "links")) {
              if (link instanceof ObjectNode linkObject) {
                rewriteIds(linkObject, new SpanPosition(r, s, i), problems);
              }
            }
          }
        }
      }
    }
    ExportTraceServiceRequest.Builder request = ExportTraceServiceRequest.newBuilder();
    try {
      PARSER.merge(root.toString(), request);
    } catch (InvalidProtocolBufferException | RuntimeException e) {
      throw new OtlpDecodingException("The body is JSON but not an OTLP trace export request: " + e.getMessage());
    }
    return new Parsed(request.build(), problems);
  }

  private static void rewriteIds(ObjectNode object, SpanPosition at, Map<SpanPosition, String> problems) {
    for (String name : ID_FIELDS) {
      JsonNode value = object.get(name);
      if (value == null || value.isNull()) {
        continue;
      }
      String hex = value.isTextual() ? value.textValue() : value.toString();
      try {
        object.put(name, Base64.getEncoder().encodeToString(HexFormat.of().parseHex(hex)));
      } catch (IllegalArgumentException e) {
        problems.putIfAbsent(at, name + " '" + shorten(hex) + "' is not hex; OTLP/JSON ids are hex strings");
        object.put(name, "");
      }
    }
  }

  private static String shorten(String text) {
    return text.length() <= 40 ? text : text.substring(0, 40) + "...";
  }

  private static JsonNode field(JsonNode node, String camel, String snake) {
    JsonNode value = node.get(camel);
    if (value == null) {
      value = node.get(snake);
    }
    return value != null && value.isArray() ? value : MAPPER.createArrayNode();
  }

  /** A span's place in a request: resource, scope and span index. */
  record SpanPosition(int resource, int scope, int span) {
    @Override
    public String toString() {
      return "resourceSpans[" + resource + "].scopeSpans[" + scope + "].spans[" + span + "]";
    }
  }

  record Parsed(ExportTraceServiceRequest request, Map<SpanPosition, String> idProblems) {}
}
