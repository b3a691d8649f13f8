package dev.aegis.bench.ingest;

import dev.aegis.core.store.Store;
import dev.aegis.core.telemetry.DecodedSpan;
import dev.aegis.core.telemetry.SpanBatch;
import dev.aegis.core.telemetry.SpanMapper;
import dev.aegis.core.telemetry.SpanRecord;
import dev.aegis.core.telemetry.TelemetrySettings;
import dev.aegis.core.redact.Redactor;
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
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The CPU cost per span of each stage of OTLP ingest, in one thread, on the ingest load's batches (512 spans of
 * about 1 KB and 20 attributes): decoding the body, redacting and mapping, and writing to the store in one
 * transaction. A time per operation is per span. The HTTP layer, the queue and the commit's wait are not in it; the
 * load driver measures those ({@code aegis-bench/run-ingest-bench.sh}).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "--enable-native-access=ALL-UNNAMED"})
@OperationsPerInvocation(IngestPipelineBenchmark.SPANS)
public class IngestPipelineBenchmark {
  static final int SPANS = 512;
  private static final String TENANT = "tenant-bench";

  /** Bodies and the tenant's mapper; every invocation gets a body stamped with a new token. */
  @State(Scope.Thread)
  public static class Input {
    private final List<BodyTemplate> protobuf = new java.util.ArrayList<>();
    private final List<BodyTemplate> json = new java.util.ArrayList<>();
    SpanMapper mapper;
    private long next;
    byte[] protobufBody;
    byte[] jsonBody;
    List<DecodedSpan> decoded;

    @Setup(Level.Trial)
    public void templates() {
      AgentSpans spans = new AgentSpans(7, System.currentTimeMillis() * 1_000_000L);
      for (int i = 0; i < 8; i++) {
        AgentSpans.Batch batch = spans.batch(SPANS, 4);
        protobuf.add(BodyTemplate.of(batch, OtlpEncoding.protobuf(batch), true));
        json.add(BodyTemplate.of(batch, OtlpEncoding.json(batch), false));
      }
      byte[] key = new byte[32];
      new SecureRandom().nextBytes(key);
      mapper = new SpanMapper(new Redactor(TelemetrySettings.defaults(TENANT).toPolicy(key)));
    }

    @Setup(Level.Invocation)
    public void fresh() {
      long token = LoadTarget.mix(++next ^ System.nanoTime());
      int i = (int) (next % protobuf.size());
      protobufBody = protobuf.get(i).stamp(token);
      jsonBody = json.get(i).stamp(token);
      decoded = OtlpDecoder.decode(protobufBody, OtlpFormat.PROTOBUF).spans();
    }
  }

  /** A store on a fresh database, and mapped records with new ids for each invocation. */
  @State(Scope.Thread)
  public static class Storage {
    @Param({"sqlite", "postgres"})
    public String store;

    private Path dir;
    private EmbeddedPostgres postgres;
    private Store opened;
    List<SpanBatch> batches;

    @Setup(Level.Trial)
    public void open() throws IOException {
      dir = Files.createTempDirectory("aegis-ingest-bench");
      StoreConfig config = switch (store) {
        case "sqlite" -> StoreConfig.sqlite(dir);
        case "postgres" -> {
          postgres = EmbeddedPostgres.builder()
              .setDataDirectory(dir.resolve("postgres"))
              .setCleanDataDirectory(true)
              .setServerConfig("synchronous_commit", "on")
              .start();
          yield new StoreConfig(dir, postgres.getJdbcUrl("postgres", "postgres"), "postgres", "postgres",
              StoreConfig.DEFAULT_POOL_SIZE, Duration.ofSeconds(5));
        }
        default -> throw new IllegalArgumentException("store is sqlite or postgres, not " + store);
      };
      opened = JdbcStores.open(config);
    }

    private List<DecodedSpan> last;

    @Setup(Level.Invocation)
    public void records(Input input) {
      if (input.decoded == last) {
        input.fresh(); // the input's own invocation set-up has not run yet: never write the same ids twice
      }
      last = input.decoded;
      List<SpanRecord> records = input.mapper.map(TENANT, input.decoded, SpanMapper.RunLookup.NONE);
      batches = List.of(new SpanBatch(TENANT, records));
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
      opened.close();
      if (postgres != null) {
        postgres.close();
      }
      try (var files = Files.walk(dir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  /** Protobuf body to decoded spans: the parse and the per-span checks. */
  @Benchmark
  public Object decodeProtobuf(Input input) {
    return OtlpDecoder.decode(input.protobufBody, OtlpFormat.PROTOBUF);
  }

  /** The same spans sent as OTLP/JSON with hex ids. */
  @Benchmark
  public Object decodeJson(Input input) {
    return OtlpDecoder.decode(input.jsonBody, OtlpFormat.JSON);
  }

  /** Redaction under the default policy, runs, classification, envelopes and snapshots. */
  @Benchmark
  public Object redactAndMap(Input input) {
    return input.mapper.map(TENANT, input.decoded, SpanMapper.RunLookup.NONE);
  }

  /** One transaction with the request's spans, tool calls, prompt snapshots, run events and run sums. */
  @Benchmark
  public int write(Storage storage) {
    return storage.opened.telemetry().write(storage.batches);
  }
}
