package dev.aegis.bench.ingest;

import dev.aegis.bench.support.ProcessCpu;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPOutputStream;

/** One system under load: where to send, in which wire format, with which key, and its stamped bodies. */
final class LoadTarget {
  /** What a target speaks. */
  enum Wire {
    OTLP_PROTOBUF("application/x-protobuf", "OTLP protobuf"),
    OTLP_JSON("application/json", "OTLP JSON"),
    ZIPKIN_JSON("application/json", "Zipkin JSON v2");

    final String contentType;
    final String label;

    Wire(String contentType, String label) {
      this.contentType = contentType;
      this.label = label;
    }

    byte[] encode(AgentSpans.Batch batch) {
      return switch (this) {
        case OTLP_PROTOBUF -> OtlpEncoding.protobuf(batch);
        case OTLP_JSON -> OtlpEncoding.json(batch);
        case ZIPKIN_JSON -> ZipkinEncoding.json(batch);
      };
    }
  }

  final String name;
  final URI url;
  final Wire wire;
  final boolean gzip;
  final ProcessCpu cpu;
  private final String key;
  private final List<BodyTemplate> templates;
  private final HttpClient client;
  private final AtomicLong requests = new AtomicLong();
  private final long salt;

  LoadTarget(String name, URI url, Wire wire, boolean gzip, String key, List<AgentSpans.Batch> batches,
      ProcessCpu cpu, long salt) {
    this.name = name;
    this.url = url;
    this.wire = wire;
    this.gzip = gzip;
    this.key = key;
    this.cpu = cpu;
    this.salt = salt;
    this.templates = batches.stream()
        .map(b -> BodyTemplate.of(b, wire.encode(b), wire == Wire.OTLP_PROTOBUF))
        .toList();
    this.client = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(10))
        .build();
  }

  HttpClient client() {
    return client;
  }

  /** The next request: a template stamped with a token no earlier request of this driver used. */
  Request next() {
    long n = requests.getAndIncrement();
    BodyTemplate template = templates.get((int) (n % templates.size()));
    byte[] body = template.stamp(mix(n ^ salt));
    if (gzip) {
      body = gzip(body);
    }
    HttpRequest.Builder request = HttpRequest.newBuilder(url)
        .timeout(Duration.ofSeconds(60))
        .header("Content-Type", wire.contentType)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (gzip) {
      request.header("Content-Encoding", "gzip");
    }
    if (key != null) {
      request.header("Authorization", "Bearer " + key);
    }
    return new Request(request.build(), template.spans());
  }

  record Request(HttpRequest http, int spans) {}

  /** Mean encoded bytes per span, before gzip. */
  double bytesPerSpan() {
    return templates.stream().mapToDouble(t -> (double) t.bytes() / t.spans()).average().orElse(0);
  }

  /** Mean gzip-compressed bytes per span; the same as {@link #bytesPerSpan()} when gzip is off. */
  double sentBytesPerSpan() {
    if (!gzip) {
      return bytesPerSpan();
    }
    return templates.stream().mapToDouble(t -> (double) gzip(t.stamp(1)).length / t.spans()).average().orElse(0);
  }

  /** SplitMix64's finaliser: a bijection, so distinct counters give distinct, well-spread tokens. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  private static byte[] gzip(byte[] raw) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length / 4);
    try (GZIPOutputStream gz = new GZIPOutputStream(out, 8192)) {
      gz.write(raw);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
