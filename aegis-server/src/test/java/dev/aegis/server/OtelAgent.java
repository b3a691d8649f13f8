package dev.aegis.server;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** An agent instrumented with the real OpenTelemetry SDK, exporting OTLP/HTTP protobuf to a test server. */
final class OtelAgent implements AutoCloseable {
  final SdkTracerProvider provider;
  final Tracer tracer;

  private OtelAgent(SdkTracerProvider provider) {
    this.provider = provider;
    this.tracer = provider.get("agent-runner-test", "1.0.0");
  }

  /**
   * @param compression {@code none} or {@code gzip}
   * @param batch a BatchSpanProcessor when true, else a SimpleSpanProcessor (one export per span)
   */
  static OtelAgent start(TestServer api, String key, String compression, boolean batch) {
    SpanExporter exporter = OtlpHttpSpanExporter.builder()
        .setEndpoint(api.server.baseUri() + "/v1/traces")
        .addHeader("Authorization", "Bearer " + key)
        .setCompression(compression)
        .setTimeout(Duration.ofSeconds(30))
        .build();
    Resource resource = Resource.getDefault().merge(Resource.create(Attributes.builder()
        .put("service.name", "agent-runner")
        .put("deployment_env", "production")
        .put("region", "us-east-1")
        .build()));
    SdkTracerProvider provider = SdkTracerProvider.builder()
        .setResource(resource)
        .addSpanProcessor(batch ? BatchSpanProcessor.builder(exporter).build() : SimpleSpanProcessor.create(exporter))
        .build();
    return new OtelAgent(provider);
  }

  /** Exports everything ended so far and says whether the server acknowledged it. */
  boolean flush() {
    CompletableResultCode result = provider.forceFlush().join(30, TimeUnit.SECONDS);
    return result.isSuccess();
  }

  @Override
  public void close() {
    provider.shutdown().join(30, TimeUnit.SECONDS);
  }
}
