package dev.aegis.bench.query;

import dev.aegis.bench.ingest.AgentSpans;
import dev.aegis.bench.ingest.OtlpEncoding;
import dev.aegis.core.redact.Redactor;
import dev.aegis.core.store.Store;
import dev.aegis.core.telemetry.PromptSnapshot;
import dev.aegis.core.telemetry.RunEvent;
import dev.aegis.core.telemetry.Span;
import dev.aegis.core.telemetry.SpanBatch;
import dev.aegis.core.telemetry.SpanMapper;
import dev.aegis.core.telemetry.SpanRecord;
import dev.aegis.core.telemetry.TelemetrySettings;
import dev.aegis.core.telemetry.TelemetryStore;
import dev.aegis.core.telemetry.ToolCall;
import dev.aegis.core.trace.SpanTree;
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
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The in-process part of {@code GET /api/v1/runs/{run_id}/trace} for a run of 10,000 spans (the query driver's run,
 * six levels deep): the store reads the trace route makes (the run, its spans, tool calls, prompt snapshots and
 * control events, one query each) and the span tree built from them. The HTTP layer and the JSON answer are not in
 * it; {@link TraceQueryLoad} times those end to end.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "--enable-native-access=ALL-UNNAMED"})
public class TraceReadBenchmark {
  private static final String TENANT = "tenant-bench";
  private static final String RUN = "run-tree-10k";
  private static final int SPANS = 10_000;
  private static final int LIMIT = 10_000;

  @Param({"sqlite", "postgres"})
  public String store;

  private Path dir;
  private EmbeddedPostgres postgres;
  private Store opened;
  private TelemetryStore telemetry;
  private Read read;

  /** What the route reads, in the store's order. */
  record Read(List<Span> spans, List<ToolCall> toolCalls, List<PromptSnapshot> prompts, List<RunEvent> events) {}

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    dir = Files.createTempDirectory("aegis-trace-bench");
    StoreConfig config = switch (store) {
      case "sqlite" -> StoreConfig.sqlite(dir);
      case "postgres" -> {
        postgres = EmbeddedPostgres.builder().setDataDirectory(dir.resolve("postgres")).setCleanDataDirectory(true)
            .start();
        yield new StoreConfig(dir, postgres.getJdbcUrl("postgres", "postgres"), "postgres", "postgres",
            StoreConfig.DEFAULT_POOL_SIZE, Duration.ofSeconds(5));
      }
      default -> throw new IllegalArgumentException("store is sqlite or postgres, not " + store);
    };
    opened = JdbcStores.open(config);
    telemetry = opened.telemetry();

    // the run goes through the real decoder and mapper, so the stored rows are what ingest stores
    AgentSpans.Batch tree = new AgentSpans(11, System.currentTimeMillis() * 1_000_000L).runTree(RUN, SPANS);
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    SpanMapper mapper = new SpanMapper(new Redactor(TelemetrySettings.defaults(TENANT).toPolicy(key)));
    List<SpanRecord> records = mapper.map(TENANT,
        OtlpDecoder.decode(OtlpEncoding.protobuf(tree), OtlpFormat.PROTOBUF).spans(), SpanMapper.RunLookup.NONE);
    for (int from = 0; from < records.size(); from += 512) {
      telemetry.write(List.of(new SpanBatch(TENANT, records.subList(from, Math.min(records.size(), from + 512)))));
    }
    read = readRun();
    if (read.spans().size() != SPANS) {
      throw new IllegalStateException("the run has " + read.spans().size() + " spans, not " + SPANS);
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    opened.close();
    if (postgres != null) {
      postgres.close();
    }
    try (var files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  /** The five store reads of the trace route, scope run. */
  @Benchmark
  public Read readRun() {
    telemetry.run(TENANT, RUN).orElseThrow();
    return new Read(telemetry.spansOfRun(TENANT, RUN, LIMIT), telemetry.toolCallsOfRun(TENANT, RUN, LIMIT),
        telemetry.promptSnapshotsOfRun(TENANT, RUN, LIMIT), telemetry.runEventsOfRun(TENANT, RUN, LIMIT));
  }

  /** Only the span tree, from rows already read. */
  @Benchmark
  public SpanTree buildTree() {
    return SpanTree.build(read.spans(), read.toolCalls(), read.prompts(), read.events(), SpanTree.DEFAULT_MAX_DEPTH);
  }

  /** Reads and tree together: what the route does before it writes its JSON answer. */
  @Benchmark
  public SpanTree readAndBuildTree() {
    Read r = readRun();
    return SpanTree.build(r.spans(), r.toolCalls(), r.prompts(), r.events(), SpanTree.DEFAULT_MAX_DEPTH);
  }
}
