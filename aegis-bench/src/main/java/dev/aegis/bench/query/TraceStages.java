package dev.aegis.bench.query;

import dev.aegis.bench.support.Flags;
import dev.aegis.bench.support.Stats;
import dev.aegis.core.telemetry.TelemetryStore;
import dev.aegis.core.trace.SpanTree;
import dev.aegis.core.trace.Timeline;
import dev.aegis.server.query.TraceJson;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The CPU time of each stage of {@code GET /api/v1/runs/{run_id}/trace} for a run of 10,000 spans, as the thread's
 * own CPU time, not wall time: on a machine shared with other work the wall time of a stage grows with the
 * contention, its CPU time hardly. The stages of {@link TraceReadBenchmark}, plus the timeline's assembly, and the
 * whole JVM's CPU per query (garbage collection and compilation included).
 *
 * <pre>TraceStages [--store sqlite|postgres] [--queries 20] [--warmup 30] [--rounds 5]</pre>
 */
public final class TraceStages {
  private static final Set<String> FLAGS = Set.of("store", "queries", "warmup", "rounds");
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private TraceStages() {}

  public static void main(String[] args) throws IOException {
    Flags flags = Flags.parse(args, FLAGS);
    String kind = flags.string("store", "sqlite");
    int queries = flags.integer("queries", 20);
    int warmup = flags.integer("warmup", 30);
    int rounds = flags.integer("rounds", 5);
    String[] stages = {"store reads (run, spans, tool calls, prompts, events)", "span tree",
        "JSON answer (to a counting sink)", "timeline entries"};
    double[][] cpu = new double[stages.length][rounds];
    double[][] wall = new double[stages.length][rounds];
    double[] process = new double[rounds];
    long bytes = 0;
    TraceJson answer = new TraceJson();
    try (TraceFixture fixture = TraceFixture.open(kind)) {
      TelemetryStore telemetry = fixture.telemetry();
      String tenant = TraceFixture.TENANT;
      String run = TraceFixture.RUN;
      int limit = TraceFixture.SPANS;
      for (int round = -1; round < rounds; round++) {
        int n = round < 0 ? warmup : queries;
        long[] cpuSum = new long[stages.length];
        long[] wallSum = new long[stages.length];
        long processFrom = processCpuNanos();
        for (int q = 0; q < n; q++) {
          TraceReadBenchmark.Read read = time(0, cpuSum, wallSum, () -> new TraceReadBenchmark.Read(
              telemetry.run(tenant, run).orElseThrow(), telemetry.spansOfRun(tenant, run, limit),
              telemetry.toolCallsOfRun(tenant, run, limit), telemetry.promptSnapshotsOfRun(tenant, run, limit),
              telemetry.runEventsOfRun(tenant, run, limit)));
          SpanTree tree = time(1, cpuSum, wallSum, () -> SpanTree.build(read.spans(), read.toolCalls(),
              read.prompts(), read.events(), SpanTree.DEFAULT_MAX_DEPTH));
          TraceReadBenchmark.Counting out = new TraceReadBenchmark.Counting();
          time(2, cpuSum, wallSum, () -> {
            try {
              answer.write(out, read.run(), "run", read.run().traceId(), tree, read.spans().size(), limit);
            } catch (IOException e) {
              throw new java.io.UncheckedIOException(e);
            }
            return out;
          });
          bytes = out.bytes;
          time(3, cpuSum, wallSum, () -> Timeline.of(read.spans(), read.toolCalls(), read.prompts(), read.events()));
        }
        if (round >= 0) {
          process[round] = (processCpuNanos() - processFrom) / 1e6 / n;
          for (int i = 0; i < stages.length; i++) {
            cpu[i][round] = cpuSum[i] / 1e6 / n;
            wall[i][round] = wallSum[i] / 1e6 / n;
          }
        }
      }
    }
    System.out.printf(Locale.ROOT, "trace of a %,d-span run, store %s: %d rounds of %d queries after %d of warmup;"
        + " the answer is %.1f MB%n", TraceFixture.SPANS, kind, rounds, queries, warmup, bytes / 1e6);
    System.out.println("| stage | CPU ms/query (median) | min – max | wall ms/query (median) |");
    System.out.println("|---|---:|---:|---:|");
    double[] route = new double[rounds];
    for (int i = 0; i < stages.length; i++) {
      System.out.printf(Locale.ROOT, "| %s | %.1f | %.1f – %.1f | %.1f |%n", stages[i], Stats.median(cpu[i]),
          Stats.min(cpu[i]), Stats.max(cpu[i]), Stats.median(wall[i]));
      for (int r = 0; r < rounds && i < 3; r++) {
        route[r] += cpu[i][r];
      }
    }
    System.out.printf(Locale.ROOT, "| the trace route's three stages | %.1f | %.1f – %.1f | |%n",
        Stats.median(route), Stats.min(route), Stats.max(route));
    System.out.printf(Locale.ROOT, "| whole JVM per query, all four stages (GC and JIT included) | %.1f | %.1f – %.1f"
        + " | |%n", Stats.median(process), Stats.min(process), Stats.max(process));
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
