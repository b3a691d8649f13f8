package dev.aegis.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.aegis.core.page.PageRequest;
import dev.aegis.core.telemetry.Run;
import dev.aegis.core.telemetry.RunFilter;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every kind of bad export: the status, what the answer says, and that nothing (or only the valid part) is stored. */
class IngestBadInputIT {
  private static final int MAX_BODY = 64 * 1024;

  @TempDir Path dataDir;
  TestServer api;
  String tenantId;
  String agentKey;

  @BeforeEach
  void startServer() {
    api = TestServer.start(dataDir, Map.of("http.max_body_bytes", Integer.toString(MAX_BODY)));
    tenantId = api.createTenant("acme");
    agentKey = api.createKey("acme", "agent", "agent").path("secret").asText();
  }

  @AfterEach
  void stopServer() {
    api.close();
  }

  long storedSpans() {
    return api.server.store().telemetry().runs(tenantId, RunFilter.ALL, PageRequest.first(500)).items().stream()
        .mapToLong(Run::spanCount).sum();
  }

  byte[] validRequest() {
    return Otlp.request(List.of(Otlp.span(Otlp.hex(16), "ok").build())).toByteArray();
  }

  @Test
  void malformedProtobufIsBadRequest() {
    byte[] broken = {0x0a, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x0f, 0x01};
    Otlp.post(api, agentKey, "application/x-protobuf", null, broken)
        .assertProblem(400, "malformed-request", "not a valid OTLP protobuf");
    assertThat(storedSpans()).isZero();
  }

  @Test
  void invalidJsonIsBadRequestNamingWhere() {
    byte[] broken = "{\"resourceSpans\": [".getBytes(StandardCharsets.UTF_8);
    Otlp.post(api, agentKey, "application/json", null, broken)
        .assertProblem(400, "malformed-request", "not valid JSON at line 1");
    Otlp.post(api, agentKey, "application/json", null, "[1, 2]".getBytes(StandardCharsets.UTF_8))
        .assertProblem(400, "malformed-request", "must be a JSON object");
    Otlp.post(api, agentKey, "application/json", null,
            "{\"resourceSpans\": [{\"scopeSpans\": [{\"spans\": [{\"startTimeUnixNano\": \"soon\"}]}]}]}"
                .getBytes(StandardCharsets.UTF_8))
        .assertProblem(400, "malformed-request", "not an OTLP trace export request");
    assertThat(storedSpans()).isZero();
  }

  @Test
  void wrongContentTypeOrEncodingIsUnsupportedMediaType() {
    Otlp.post(api, agentKey, "text/plain", null, validRequest())
        .assertProblem(415, "unsupported-media-type", "application/x-protobuf or application/json");
    Otlp.post(api, agentKey, null, null, validRequest())
        .assertProblem(415, "unsupported-media-type", "no Content-Type");
    Otlp.post(api, agentKey, "application/x-protobuf", "br", validRequest())
        .assertProblem(415, "unsupported-media-type", "Content-Encoding 'br'");
    assertThat(storedSpans()).isZero();
  }

  @Test
  void brokenGzipIsBadRequest() {
    Otlp.post(api, agentKey, "application/x-protobuf", "gzip", validRequest())
        .assertProblem(400, "malformed-request", "not valid gzip");
    byte[] truncated = Otlp.gzip(validRequest());
    truncated = java.util.Arrays.copyOf(truncated, truncated.length - 6);
    Otlp.post(api, agentKey, "application/x-protobuf", "gzip", truncated)
        .assertProblem(400, "malformed-request", "gzip");
    assertThat(storedSpans()).isZero();
  }

  @Test
  void anOversizedBodyIsRefusedBeforeItIsStored() {
    List<io.opentelemetry.proto.trace.v1.Span> spans = new java.util.ArrayList<>();
    String trace = Otlp.hex(16);
    for (int i = 0; i < 400; i++) {
      spans.add(Otlp.span(trace, "s").addAttributes(Otlp.attr("payload", "x".repeat(200))).build());
    }
    byte[] big = Otlp.request(spans).toByteArray();
    assertThat(big.length).isGreaterThan(MAX_BODY);

    Otlp.post(api, agentKey, "application/x-protobuf", null, big)
        .assertProblem(413, "body-too-large", "larger than " + MAX_BODY + " bytes");
    // compressed it fits, but not once decompressed
    byte[] compressed = Otlp.gzip(big);
    assertThat(compressed.length).isLessThan(MAX_BODY);
    Otlp.post(api, agentKey, "application/x-protobuf", "gzip", compressed)
        .assertProblem(413, "body-too-large", "once decompressed");
    assertThat(storedSpans()).isZero();
  }

  @Test
  void aGzipBombIsRefusedWithoutInflatingIt() {
    byte[] bomb = Otlp.gzip(new byte[512 * 1024 * 1024 / 16]); // 32 MiB of zeros, about 32 KiB compressed
    assertThat(bomb.length).isLessThan(MAX_BODY);

    Otlp.post(api, agentKey, "application/x-protobuf", "gzip", bomb)
        .assertProblem(413, "body-too-large", "once decompressed");
    assertThat(storedSpans()).isZero();
  }

  @Test
  void badIdsRejectTheirSpansAndTheRestIsStored() {
    String trace = Otlp.hex(16);
    var good = Otlp.span(trace, "good").build();
    var zeroTrace = Otlp.span(trace, "zero trace").setTraceId(ByteString.copyFrom(new byte[16])).build();
    var shortSpan = Otlp.span(trace, "short span id").setSpanId(ByteString.fromHex("abcd")).build();
    var backwards = Otlp.span(trace, "backwards").setEndTimeUnixNano(Otlp.T0 - 1).build();
    var nameless = Otlp.span(trace, "").build();

    ExportTraceServiceResponse answer = Otlp.exportProtobuf(api, agentKey,
        Otlp.request(List.of(good, zeroTrace, shortSpan, backwards, nameless)));

    assertThat(answer.getPartialSuccess().getRejectedSpans()).isEqualTo(4);
    assertThat(answer.getPartialSuccess().getErrorMessage())
        .startsWith("4 spans were rejected: ")
        .contains("spans[1]: trace_id is all zeros")
        .contains("spans[2]: span_id must be 8 bytes (16 hex digits), was 2 bytes")
        .contains("spans[3]: end_time_unix_nano is before start_time_unix_nano")
        .contains("spans[4]: name is missing");
    assertThat(storedSpans()).isEqualTo(1);
    assertThat(api.server.store().telemetry().span(tenantId, trace,
        hex(good.getSpanId()))).isPresent();
  }

  @Test
  void hexIdsThatAreNotHexRejectOnlyTheirSpanInJson() {
    String body = """
        {"resourceSpans": [{"scopeSpans": [{"spans": [
          {"traceId": "5b8efff798038103d269b633813fc60c", "spanId": "eee19b7ec3c1b174", "name": "fine",
           "startTimeUnixNano": 1544712660000000000, "endTimeUnixNano": "1544712661000000000"},
          {"traceId": "not-hex-at-all", "spanId": "eee19b7ec3c1b175", "name": "bad trace",
           "startTimeUnixNano": "1544712660000000000", "endTimeUnixNano": "1544712661000000000"},
          {"traceId": "5b8efff798038103d269b633813fc60c", "spanId": "0000000000000000", "name": "zero span",
           "startTimeUnixNano": "1544712660000000000", "endTimeUnixNano": "1544712661000000000"}
        ]}]}]}
        """;
    Response response = Otlp.post(api, agentKey, "application/json", null, body.getBytes(StandardCharsets.UTF_8));

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.header("Content-Type")).startsWith("application/json");
    var partial = response.json().path("partialSuccess");
    assertThat(partial.path("rejectedSpans").asText()).isEqualTo("2");
    assertThat(partial.path("errorMessage").asText())
        .contains("resourceSpans[0].scopeSpans[0].spans[1]: traceId 'not-hex-at-all' is not hex")
        .contains("spans[2]: span_id is all zeros");
    assertThat(storedSpans()).isEqualTo(1);
    assertThat(api.server.store().telemetry().span(tenantId, "5b8efff798038103d269b633813fc60c",
        "eee19b7ec3c1b174")).isPresent();
  }

  @Test
  void aBatchWhoseSpansAreAllInvalidStoresNothingAndSaysWhy() {
    var bad = Otlp.span(Otlp.hex(16), "x").setSpanId(ByteString.EMPTY).build();
    ExportTraceServiceResponse answer = Otlp.exportProtobuf(api, agentKey, Otlp.request(List.of(bad, bad, bad,
        bad, bad, bad, bad)));

    assertThat(answer.getPartialSuccess().getRejectedSpans()).isEqualTo(7);
    assertThat(answer.getPartialSuccess().getErrorMessage()).startsWith("7 spans were rejected").endsWith("; ...");
    assertThat(storedSpans()).isZero();
  }

  @Test
  void anEmptyExportIsASuccessWithNothingStored() {
    ExportTraceServiceResponse answer = Otlp.exportProtobuf(api, agentKey, Otlp.request(List.of()));
    assertThat(answer.hasPartialSuccess()).isFalse();
    assertThat(storedSpans()).isZero();
  }

  @Test
  void onlyAgentKeysMaySendTelemetry() {
    Otlp.post(api, null, "application/x-protobuf", null, validRequest())
        .assertProblem(401, "unauthenticated", "No Authorization header");
    Otlp.post(api, "aegis_wrongkey_" + "x".repeat(43), "application/x-protobuf", null, validRequest())
        .assertProblem(401, "unauthenticated", "not known");
    String operator = api.createKey("acme", "ops", "operator").path("secret").asText();
    Otlp.post(api, operator, "application/x-protobuf", null, validRequest())
        .assertProblem(403, "forbidden", "agent role");
    Otlp.post(api, api.adminKey(), "application/x-protobuf", null, validRequest())
        .assertProblem(403, "forbidden", "agent role");
    assertThat(storedSpans()).isZero();
  }

  private static String hex(ByteString id) {
    return java.util.HexFormat.of().formatHex(id.toByteArray());
  }
}
