package dev.aegis.bench.ingest;

import dev.aegis.bench.support.Flags;
import dev.aegis.bench.support.ProcessCpu;
import dev.aegis.bench.support.Stats;
import dev.aegis.core.redact.Redactor;
import dev.aegis.core.store.Store;
import dev.aegis.core.telemetry.DecodedSpan;
import dev.aegis.core.telemetry.SpanBatch;
import dev.aegis.core.telemetry.SpanMapper;
import dev.aegis.core.telemetry.SpanRecord;
import dev.aegis.core.telemetry.TelemetrySettings;
import dev.aegis.server.ingest.otlp.OtlpDecoder;
import dev.aegis.server.ingest.otlp.OtlpFormat;
import dev.aegis.store.JdbcStores;
import dev.aegis.store.StoreConfig;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The CPU time per span of each ingest stage, measured as the thread's own CPU time, not wall time: on a machine
 * shared with other work the wall time of a stage grows with the contention, its CPU time hardly. The same stages as
 * {@link IngestPipelineBenchmark}, for when JMH's wall-clock figures are too noisy to compare.
 *
 * <pre>IngestStages [--store sqlite|postgres|none] [--batches 200] [--warmup-batches 200] [--rounds 5]</pre>
 */
public final class IngestStages {
  private static final Set<String> FLAGS = Set.of("store", "batches", "warmup-batches", "rounds", "spans-per-request");
  private static final String TENANT = "tenant-bench";
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private IngestStages() {}

  public static void main(String[] args) throws IOException {
    Flags flags = Flags.parse(args, FLAGS);
    String storeKind = flags.string("store", "sqlite");
    int batches = flags.integer("batches", 200);
    int warmup = flags.integer("warmup-batches", 200);
    int rounds = flags.integer("rounds", 5);
    int spans = flags.integer("spans-per-request", 512);

    AgentSpans generator = new AgentSpans(7, System.currentTimeMillis() * 1_000_000L);
    List<BodyTemplate> protobuf = new ArrayList<>();
    List<BodyTemplate> json = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      AgentSpans.Batch batch = generator.batch(spans, 4);
      protobuf.add(BodyTemplate.of(batch, OtlpEncoding.protobuf(batch), true));
      json.add(BodyTemplate.of(batch, OtlpEncoding.json(batch), false));
    }
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    SpanMapper mapper = new SpanMapper(new Redactor(TelemetrySettings.defaults(TENANT).toPolicy(key)));

    Path dir = Files.createTempDirectory("aegis-ingest-stages");
    EmbeddedPostgres postgres = null;
    Store store = null;
    if (storeKind.equals("sqlite")) {
      store = JdbcStores.open(StoreConfig.sqlite(dir));
    } else if (storeKind.equals("postgres")) {
      postgres = EmbeddedPostgres.builder().setDataDirectory(dir.resolve("pg")).setCleanDataDirectory(true)
          .setServerConfig("synchronous_commit", "on").start();
      store = JdbcStores.open(new StoreConfig(dir, postgres.getJdbcUrl("postgres", "postgres"), "postgres",
          "postgres", StoreConfig.DEFAULT_POOL_SIZE, Duration.ofSeconds(5)));
    }

    long[] token = {1};
    String[] stages = {"decode protobuf", "decode OTLP JSON", "redact + map", "store write (1 tx per batch)"};
    double[][] cpu = new double[stages.length][rounds];
    double[][] wall = new double[stages.length][rounds];
    double[] processCpu = new double[rounds];
    double[] childCpu = new double[rounds];
    ProcessCpu self = new ProcessCpu(List.of(ProcessHandle.current().pid()));
    for (int round = -1; round < rounds; round++) {
      int n = round < 0 ? warmup : batches;
      long[] cpuSum = new long[stages.length];
      long[] wallSum = new long[stages.length];
      long processFrom = processCpuNanos();
      long allFrom = self.nanos().orElse(0);
      for (int b = 0; b < n; b++) {
        long t = LoadTarget.mix(token[0]++);
        int which = b % protobuf.size();
        byte[] pb = protobuf.get(which).stamp(t);
        byte[] js = json.get(which).stamp(t);
        List<DecodedSpan> decoded = time(0, cpuSum, wallSum,
            () -> OtlpDecoder.decode(pb, OtlpFormat.PROTOBUF).spans());
        time(1, cpuSum, wallSum, () -> OtlpDecoder.decode(js, OtlpFormat.JSON));
        List<SpanRecord> records = time(2, cpuSum, wallSum,
            () -> mapper.map(TENANT, decoded, SpanMapper.RunLookup.NONE));
        if (store != null) {
          Store s = store;
          time(3, cpuSum, wallSum, () -> s.telemetry().write(List.of(new SpanBatch(TENANT, records))));
        }
      }
      if (round >= 0) {
        long process = processCpuNanos() - processFrom;
        processCpu[round] = process / 1e3 / ((double) n * spans);
        childCpu[round] = Math.max(0, self.nanos().orElse(0) - allFrom - process) / 1e3 / ((double) n * spans);
        for (int i = 0; i < stages.length; i++) {
          cpu[i][round] = cpuSum[i] / 1e3 / ((double) n * spans);
          wall[i][round] = wallSum[i] / 1e3 / ((double) n * spans);
        }
      }
    }
    System.out.printf(Locale.ROOT, "%d rounds of %d batches of %d spans, after %d batches of warmup; store %s%n",
        rounds, batches, spans, warmup, storeKind);
    System.out.println("| stage | CPU µs/span (median) | min – max | wall µs/span (median) |");
    System.out.println("|---|---:|---:|---:|");
    for (int i = 0; i < stages.length; i++) {
      if (i == 3 && store == null) {
        continue;
      }
      System.out.printf(Locale.ROOT, "| %s | %.1f | %.1f – %.1f | %.1f |%n", stages[i], Stats.median(cpu[i]),
          Stats.min(cpu[i]), Stats.max(cpu[i]), Stats.median(wall[i]));
    }
    System.out.printf(Locale.ROOT, "| whole JVM (all stages, GC and JIT included) | %.1f | %.1f – %.1f | |%n",
        Stats.median(processCpu), Stats.min(processCpu), Stats.max(processCpu));
    if (postgres != null) {
      System.out.printf(Locale.ROOT, "| PostgreSQL server processes | %.1f | %.1f – %.1f | |%n",
          Stats.median(childCpu), Stats.min(childCpu), Stats.max(childCpu));
    }
    if (store != null) {
      store.close();
    }
    if (postgres != null) {
      postgres.close();
    }
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private static <T> T time(int stage, long[] cpu, long[] wall, Supplier<T> work) {
    long c = THREADS.getCurrentThreadCpuTime();
    long w = System.nanoTime();
    T result = work.get();
    wall[stage] += System.nanoTime() - w;
    cpu[stage] += THREADS.getCurrentThreadCpuTime() - c;
    return result;
  }
}
