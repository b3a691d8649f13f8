package dev.aegis.bench.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aegis.core.telemetry.DecodedSpan;
import dev.aegis.server.ingest.otlp.OtlpDecoder;
import dev.aegis.server.ingest.otlp.OtlpFormat;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The load's bodies decode as Aegis decodes them, and each stamp gives new trace and run ids and nothing else. */
class BodyTemplateTest {
  private final AgentSpans.Batch batch = new AgentSpans(42, 1_764_000_000_000_000_000L).batch(512, 4);

  @Test
  void spansHaveTwentyAttributesAndAboutOneKilobyteOnTheWire() {
    assertThat(batch.spans()).hasSize(512);
    assertThat(batch.spans()).allSatisfy(s -> assertThat(s.attributes()).hasSize(20));
    double bytesPerSpan = (double) OtlpEncoding.protobuf(batch).length / batch.spans().size();
    assertThat(bytesPerSpan).isBetween(850.0, 1_250.0);
    assertThat(batch.spans().stream().map(BenchSpan::traceId).distinct()).hasSize(2);
  }

  @Test
  void protobufStampsGiveFreshTraceAndRunIds() {
    BodyTemplate template = BodyTemplate.of(batch, OtlpEncoding.protobuf(batch), true);
    List<DecodedSpan> first = decode(template.stamp(LoadTarget.mix(1)), OtlpFormat.PROTOBUF);
    List<DecodedSpan> second = decode(template.stamp(LoadTarget.mix(2)), OtlpFormat.PROTOBUF);
    assertFresh(first, second, LoadTarget.mix(1));
  }

  @Test
  void otlpJsonStampsGiveFreshTraceAndRunIds() {
    BodyTemplate template = BodyTemplate.of(batch, OtlpEncoding.json(batch), false);
    List<DecodedSpan> first = decode(template.stamp(LoadTarget.mix(1)), OtlpFormat.JSON);
    List<DecodedSpan> second = decode(template.stamp(LoadTarget.mix(2)), OtlpFormat.JSON);
    assertFresh(first, second, LoadTarget.mix(1));
    assertThat(first).extracting(DecodedSpan::attributes).allSatisfy(a -> assertThat(a).hasSize(20));
  }

  @Test
  void zipkinStampsGiveFreshTraceIdsAndKeepEveryAttributeAsATag() throws Exception {
    BodyTemplate template = BodyTemplate.of(batch, ZipkinEncoding.json(batch), false);
    String token = HexFormat.of().toHexDigits(LoadTarget.mix(7));
    JsonNode spans = new ObjectMapper().readTree(template.stamp(LoadTarget.mix(7)));
    assertThat(spans).hasSize(512);
    for (JsonNode span : spans) {
      assertThat(span.path("traceId").asText()).hasSize(32).startsWith(token);
      assertThat(span.path("id").asText()).hasSize(16);
      assertThat(span.path("tags").size()).isGreaterThanOrEqualTo(20);
      if (span.path("tags").has("run.id")) {
        assertThat(span.path("tags").path("run.id").asText()).contains(token);
      }
    }
  }

  private static void assertFresh(List<DecodedSpan> first, List<DecodedSpan> second, long token) {
    assertThat(first).hasSize(512);
    assertThat(first).allSatisfy(s -> assertThat(s.traceId()).startsWith(HexFormat.of().toHexDigits(token)));
    Set<String> runs = new HashSet<>();
    first.forEach(s -> {
      Object run = s.attributes().get("run.id");
      if (run != null) {
        assertThat(run.toString()).contains(HexFormat.of().toHexDigits(token));
        runs.add(run.toString());
      }
    });
    assertThat(runs).hasSize(4);
    Set<String> firstTraces = new HashSet<>(first.stream().map(DecodedSpan::traceId).toList());
    assertThat(second).noneMatch(s -> firstTraces.contains(s.traceId()));
    assertThat(second).extracting(DecodedSpan::spanId).isEqualTo(first.stream().map(DecodedSpan::spanId).toList());
  }

  private static List<DecodedSpan> decode(byte[] body, OtlpFormat format) {
    OtlpDecoder.Decoded decoded = OtlpDecoder.decode(body, format);
    assertThat(decoded.rejected()).isZero();
    return decoded.spans();
  }
}
