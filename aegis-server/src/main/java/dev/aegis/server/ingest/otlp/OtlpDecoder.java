package dev.aegis.server.ingest.otlp;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import dev.aegis.core.telemetry.DecodedSpan;
import dev.aegis.core.telemetry.SpanEvent;
import dev.aegis.core.telemetry.SpanKind;
import dev.aegis.core.telemetry.SpanStatus;
import io.opentelemetry.proto.collector.trace.v1.ExportTracePartialSuccess;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes an OTLP/HTTP trace export (protobuf or JSON) into {@link DecodedSpan}s, checking each span on its own: a
 * span with bad ids, no name or an end before its start is rejected and counted, and the rest go on.
 */
public final class OtlpDecoder {
  /** How many span problems the partial-success message names; the count covers all of them. */
  static final int PROBLEMS_NAMED = 5;
  private static final JsonFormat.Printer PRINTER = JsonFormat.printer().omittingInsignificantWhitespace();

  private OtlpDecoder() {}

  /**
   * The spans of a request body (already decompressed).
   *
   * @throws OtlpDecodingException when the body cannot be decoded at all
   */
  public static Decoded decode(byte[] body, OtlpFormat format) {
    ExportTraceServiceRequest request;
    Map<OtlpJson.SpanPosition, String> idProblems = Map.of();
    if (format == OtlpFormat.PROTOBUF) {
      try {
        request = ExportTraceServiceRequest.parseFrom(body);
      } catch (InvalidProtocolBufferException e) {
        throw new OtlpDecodingException("The body is not a valid OTLP protobuf ExportTraceServiceRequest: "
            + e.getMessage());
      }
    } else {
      OtlpJson.Parsed parsed = OtlpJson.parse(body);
      request = parsed.request();
      idProblems = parsed.idProblems();
    }
    List<DecodedSpan> spans = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    int rejected = 0;
    for (int r = 0; r < request.getResourceSpansCount(); r++) {
      ResourceSpans resourceSpans = request.getResourceSpans(r);
      DecodedSpan.Resource resource =
          new DecodedSpan.Resource(AnyValues.map(resourceSpans.getResource().getAttributesList()));
      for (int s = 0; s < resourceSpans.getScopeSpansCount(); s++) {
        ScopeSpans scopeSpans = resourceSpans.getScopeSpans(s);
        String scopeName = emptyToNull(scopeSpans.getScope().getName());
        String scopeVersion = emptyToNull(scopeSpans.getScope().getVersion());
        for (int i = 0; i < scopeSpans.getSpansCount(); i++) {
          OtlpJson.SpanPosition at = new OtlpJson.SpanPosition(r, s, i);
          Span span = scopeSpans.getSpans(i);
          String problem = idProblems.containsKey(at) ? idProblems.get(at) : check(span);
          if (problem != null) {
            rejected++;
            if (problems.size() < PROBLEMS_NAMED) {
              problems.add(at + ": " + problem);
            }
            continue;
          }
          spans.add(decoded(span, resource, scopeName, scopeVersion));
        }
      }
    }
    String message = rejected == 0 ? null : rejected + (rejected == 1 ? " span was" : " spans were")
        + " rejected: " + String.join("; ", problems) + (rejected > problems.size() ? "; ..." : "");
    return new Decoded(spans, rejected, message);
  }

  /** The answer to an export, encoded like the request. */
  public static byte[] response(OtlpFormat format, int rejected, String message) {
    ExportTraceServiceResponse.Builder response = ExportTraceServiceResponse.newBuilder();
    if (rejected > 0 || message != null) {
      response.setPartialSuccess(ExportTracePartialSuccess.newBuilder()
          .setRejectedSpans(rejected)
          .setErrorMessage(message == null ? "" : message));
    }
    if (format == OtlpFormat.PROTOBUF) {
      return response.build().toByteArray();
    }
    try {
      return PRINTER.print(response).getBytes(StandardCharsets.UTF_8);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("a response always prints", e);
    }
  }

  /** What is wrong with a span, or null when it can be stored. */
  private static String check(Span span) {
    String problem = id("trace_id", span.getTraceId(), 16);
    if (problem == null) {
      problem = id("span_id", span.getSpanId(), 8);
    }
    if (problem == null && !span.getParentSpanId().isEmpty() && span.getParentSpanId().size() != 8) {
      problem = "parent_span_id must be empty or 8 bytes (16 hex digits), was " + span.getParentSpanId().size()
          + " bytes";
    }
    if (problem == null && span.getName().isEmpty()) {
      problem = "name is missing";
    }
    if (problem == null && span.getStartTimeUnixNano() == 0) {
      problem = "start_time_unix_nano is missing";
    }
    if (problem == null && Long.compareUnsigned(span.getEndTimeUnixNano(), span.getStartTimeUnixNano()) < 0) {
      problem = "end_time_unix_nano is before start_time_unix_nano";
    }
    if (problem == null && span.getEndTimeUnixNano() < 0) {
      problem = "end_time_unix_nano is after the year 2262";
    }
    return problem;
  }

  private static String id(String name, ByteString id, int bytes) {
    if (id.size() != bytes) {
      return name + " must be " + bytes + " bytes (" + 2 * bytes + " hex digits), was " + id.size() + " bytes";
    }
    for (int i = 0; i < bytes; i++) {
      if (id.byteAt(i) != 0) {
        return null;
      }
    }
    return name + " is all zeros, which OTLP defines as invalid";
  }

  private static DecodedSpan decoded(Span span, DecodedSpan.Resource resource, String scopeName, String version) {
    List<SpanEvent> events = new ArrayList<>(span.getEventsCount());
    for (Span.Event event : span.getEventsList()) {
      events.add(new SpanEvent(event.getTimeUnixNano(), event.getName(), AnyValues.map(event.getAttributesList())));
    }
    Map<String, Object> attributes = AnyValues.map(span.getAttributesList());
    if (span.getLinksCount() > 0) {
      // not part of the model yet; kept as an attribute so that nothing the agent sent is lost
      List<Object> links = new ArrayList<>();
      for (Span.Link link : span.getLinksList()) {
        Map<String, Object> one = new LinkedHashMap<>();
        one.put("trace_id", hex(link.getTraceId()));
        one.put("span_id", hex(link.getSpanId()));
        one.put("attributes", AnyValues.map(link.getAttributesList()));
        links.add(one);
      }
      attributes = new LinkedHashMap<>(attributes);
      attributes.put("otel.links", links);
    }
    String parent = span.getParentSpanId().isEmpty() || isZero(span.getParentSpanId())
        ? null : hex(span.getParentSpanId());
    return new DecodedSpan(hex(span.getTraceId()), hex(span.getSpanId()), parent, span.getName(),
        kind(span.getKind()), span.getStartTimeUnixNano(), span.getEndTimeUnixNano(), status(span),
        emptyToNull(span.getStatus().getMessage()), attributes, events, resource, scopeName, version);
  }

  private static SpanKind kind(Span.SpanKind kind) {
    return switch (kind) {
      case SPAN_KIND_INTERNAL -> SpanKind.INTERNAL;
      case SPAN_KIND_SERVER -> SpanKind.SERVER;
      case SPAN_KIND_CLIENT -> SpanKind.CLIENT;
      case SPAN_KIND_PRODUCER -> SpanKind.PRODUCER;
      case SPAN_KIND_CONSUMER -> SpanKind.CONSUMER;
      default -> SpanKind.UNSPECIFIED;
    };
  }

  private static SpanStatus status(Span span) {
    return switch (span.getStatus().getCode()) {
      case STATUS_CODE_OK -> SpanStatus.OK;
      case STATUS_CODE_ERROR -> SpanStatus.ERROR;
      default -> SpanStatus.UNSET;
    };
  }

  private static boolean isZero(ByteString bytes) {
    for (int i = 0; i < bytes.size(); i++) {
      if (bytes.byteAt(i) != 0) {
        return false;
      }
    }
    return true;
  }

  private static String hex(ByteString bytes) {
    return HexFormat.of().formatHex(bytes.toByteArray());
  }

  private static String emptyToNull(String text) {
    return text == null || text.isEmpty() ? null : text;
  }

  /**
   * The spans that can be stored, how many were rejected, and a message naming the first few problems.
   *
   * @param rejectionMessage null when nothing was rejected
   */
  public record Decoded(List<DecodedSpan> spans, int rejected, String rejectionMessage) {}
}
