package dev.aegis.server.ingest.otlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aegis.core.telemetry.DecodedSpan;
import dev.aegis.core.telemetry.SpanKind;
import dev.aegis.core.telemetry.SpanStatus;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OtlpDecoderTest {
  /** The OTLP specification's example trace, as written in examples/trace.json. */
  private static final String SPEC_EXAMPLE = """
      {
        "resourceSpans": [
          {
            "resource": {
              "attributes": [{"key": "service.name", "value": {"stringValue": "my.service"}}]
            },
            "scopeSpans": [
              {
                "scope": {
                  "name": "my.library",
                  "version": "1.0.0",
                  "attributes": [{"key": "my.scope.attribute", "value": {"stringValue": "some scope attribute"}}]
                },
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
                      {"key": "my.span.attr", "value": {"stringValue": "some value"}}
                    ]
                  }
                ]
              }
            ]
          }
        ]
      }
      """;

  private static OtlpDecoder.Decoded json(String body) {
    return OtlpDecoder.decode(body.getBytes(StandardCharsets.UTF_8), OtlpFormat.JSON);
  }

  @Test
  void decodesTheSpecificationsExample() {
    OtlpDecoder.Decoded decoded = json(SPEC_EXAMPLE);

    assertThat(decoded.rejected()).isZero();
    assertThat(decoded.rejectionMessage()).isNull();
    DecodedSpan span = decoded.spans().get(0);
    assertThat(span.traceId()).isEqualTo("5b8efff798038103d269b633813fc60c");
    assertThat(span.spanId()).isEqualTo("eee19b7ec3c1b174");
    assertThat(span.parentSpanId()).isEqualTo("eee19b7ec3c1b173");
    assertThat(span.name()).isEqualTo("I'm a server span");
    assertThat(span.kind()).isEqualTo(SpanKind.SERVER);
    assertThat(span.status()).isEqualTo(SpanStatus.UNSET);
    assertThat(span.startUnixNanos()).isEqualTo(1544712660000000000L);
    assertThat(span.endUnixNanos()).isEqualTo(1544712661000000000L);
    assertThat(span.attributes()).containsExactly(Map.entry("my.span.attr", "some value"));
    assertThat(span.resource().attributes()).containsExactly(Map.entry("service.name", "my.service"));
    assertThat(span.scopeName()).isEqualTo("my.library");
    assertThat(span.scopeVersion()).isEqualTo("1.0.0");
  }

  @Test
  void acceptsEnumNamesProtoFieldNamesNumbersForIntegersAndIgnoresUnknownFields() {
    OtlpDecoder.Decoded decoded = json("""
        {"resource_spans": [{"scope_spans": [{"spans": [{
          "trace_id": "5b8efff798038103d269b633813fc60c", "span_id": "eee19b7ec3c1b174",
          "name": "n", "kind": "SPAN_KIND_CLIENT", "start_time_unix_nano": 1544712660000000000,
          "endTimeUnixNano": 1544712661000000000, "status": {"code": 2, "message": "boom"},
          "futureField": {"anything": true},
          "attributes": [{"key": "big", "value": {"intValue": "9223372036854775807"}},
                         {"key": "kv", "value": {"kvlistValue": {"values": [{"key": "a", "value": {"boolValue": false}}]}}},
                         {"key": "bytes", "value": {"bytesValue": "AQID"}},
                         {"key": "empty", "value": {}}],
          "events": [{"timeUnixNano": "1544712660500000000", "name": "aegis.state_transition",
                      "attributes": [{"key": "from", "value": {"stringValue": "plan"}}]}],
          "links": [{"traceId": "5b8efff798038103d269b633813fc60d", "spanId": "eee19b7ec3c1b175"}]
        }]}]}]}
        """);

    DecodedSpan span = decoded.spans().get(0);
    assertThat(span.kind()).isEqualTo(SpanKind.CLIENT);
    assertThat(span.status()).isEqualTo(SpanStatus.ERROR);
    assertThat(span.statusMessage()).isEqualTo("boom");
    assertThat(span.parentSpanId()).isNull();
    assertThat(span.attributes()).containsEntry("big", Long.MAX_VALUE).containsEntry("kv", Map.of("a", false))
        .containsEntry("empty", null);
    assertThat((byte[]) span.attributes().get("bytes")).containsExactly(1, 2, 3);
    assertThat(span.attributes().get("otel.links")).isEqualTo(List.of(Map.of("trace_id",
        "5b8efff798038103d269b633813fc60d", "span_id", "eee19b7ec3c1b175", "attributes", Map.of())));
    assertThat(span.events().get(0).name()).isEqualTo("aegis.state_transition");
    assertThat(span.events().get(0).timeUnixNanos()).isEqualTo(1544712660500000000L);
  }

  @Test
  void rejectsBadSpansOneByOneAndNamesTheFirstFew() {
    StringBuilder spans = new StringBuilder();
    for (int i = 0; i < 7; i++) {
      spans.append(i == 0 ? "" : ",").append("""
          {"traceId": "zz", "spanId": "eee19b7ec3c1b174", "name": "n",
           "startTimeUnixNano": "1", "endTimeUnixNano": "2"}""");
    }
    spans.append("""
        ,{"traceId": "5b8efff798038103d269b633813fc60c", "spanId": "eee19b7ec3c1b174", "name": "ok",
          "startTimeUnixNano": "1", "endTimeUnixNano": "2"}""");
    OtlpDecoder.Decoded decoded = json("{\"resourceSpans\": [{\"scopeSpans\": [{\"spans\": [" + spans + "]}]}]}");

    assertThat(decoded.spans()).hasSize(1);
    assertThat(decoded.rejected()).isEqualTo(7);
    assertThat(decoded.rejectionMessage()).startsWith("7 spans were rejected: resourceSpans[0].scopeSpans[0]"
        + ".spans[0]: traceId 'zz' is not hex").endsWith("; ...");
    assertThat(decoded.rejectionMessage().split("is not hex")).hasSize(OtlpDecoder.PROBLEMS_NAMED + 1);
  }

  @Test
  void aBodyThatIsNotOtlpIsAnError() {
    assertThatThrownBy(() -> json("{\"resourceSpans\": 5"))
        .isInstanceOf(OtlpDecodingException.class).hasMessageContaining("not valid JSON");
    assertThatThrownBy(() -> json("\"text\"")).isInstanceOf(OtlpDecodingException.class)
        .hasMessageContaining("JSON object");
    assertThatThrownBy(() -> OtlpDecoder.decode(new byte[] {0x0a, 0x7f}, OtlpFormat.PROTOBUF))
        .isInstanceOf(OtlpDecodingException.class).hasMessageContaining("not a valid OTLP protobuf");
  }

  @Test
  void answersLikeTheRequestWithPartialSuccessOnlyWhenSomethingWasRejected() throws Exception {
    assertThat(new String(OtlpDecoder.response(OtlpFormat.JSON, 0, null), StandardCharsets.UTF_8)).isEqualTo("{}");
    assertThat(new String(OtlpDecoder.response(OtlpFormat.JSON, 2, "2 spans were rejected"), StandardCharsets.UTF_8))
        .isEqualTo("{\"partialSuccess\":{\"rejectedSpans\":\"2\",\"errorMessage\":\"2 spans were rejected\"}}");
    ExportTraceServiceResponse proto = ExportTraceServiceResponse.parseFrom(
        OtlpDecoder.response(OtlpFormat.PROTOBUF, 3, "why"));
    assertThat(proto.getPartialSuccess().getRejectedSpans()).isEqualTo(3);
    assertThat(proto.getPartialSuccess().getErrorMessage()).isEqualTo("why");
    assertThat(OtlpDecoder.response(OtlpFormat.PROTOBUF, 0, null)).isEmpty();
  }

  @Test
  void knowsBothMediaTypesWithParameters() {
    assertThat(OtlpFormat.of("application/x-protobuf")).contains(OtlpFormat.PROTOBUF);
    assertThat(OtlpFormat.of("Application/JSON; charset=utf-8")).contains(OtlpFormat.JSON);
    assertThat(OtlpFormat.of("application/protobuf")).isEmpty();
    assertThat(OtlpFormat.of(null)).isEmpty();
  }
}
