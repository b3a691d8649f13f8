package dev.aegis.server.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** The ingest path's meters: spans by outcome, refused requests by reason, queue depth, batch size, commit time. */
final class IngestMetrics {
  private final MeterRegistry registry;
  private final Counter accepted;
  private final Counter rejected;
  private final Counter dropped;
  private final Counter failed;
  private final DistributionSummary batchSpans;
  private final Timer commit;

  IngestMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.accepted = spans("accepted", "valid spans queued for writing");
    this.rejected = spans("rejected", "invalid spans refused individually (partial success)");
    this.dropped = spans("dropped", "valid spans refused because the queue or the decoders were full");
    this.failed = spans("failed", "spans whose write failed; their requests were answered 503");
    this.batchSpans = DistributionSummary.builder("aegis.ingest.batch.spans")
        .description("spans written per transaction").register(registry);
    this.commit = Timer.builder("aegis.ingest.commit").description("time to write and commit one group")
        .register(registry);
  }

  private Counter spans(String outcome, String description) {
    return Counter.builder("aegis.ingest.spans").tag("outcome", outcome).description(description)
        .register(registry);
  }

  void queueDepth(Supplier<Number> depth) {
    Gauge.builder("aegis.ingest.queue.spans", depth).description("spans waiting for the writer").register(registry);
  }

  void accepted(int spans) {
    accepted.increment(spans);
  }

  void rejected(int spans) {
    rejected.increment(spans);
  }

  void dropped(int spans, String reason) {
    dropped.increment(spans);
    Counter.builder("aegis.ingest.requests.refused").tag("reason", reason)
        .description("export requests answered 503").register(registry).increment();
  }

  void committed(int spans, long nanos) {
    batchSpans.record(spans);
    commit.record(nanos, TimeUnit.NANOSECONDS);
  }

  void writeFailed(int spans) {
    failed.increment(spans);
  }
}
