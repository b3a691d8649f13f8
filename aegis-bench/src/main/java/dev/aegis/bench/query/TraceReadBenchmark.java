package dev.aegis.bench.query;

import dev.aegis.core.telemetry.PromptSnapshot;
import dev.aegis.core.telemetry.Run;
import dev.aegis.core.telemetry.RunEvent;
import dev.aegis.core.telemetry.Span;
import dev.aegis.core.telemetry.ToolCall;
import dev.aegis.core.trace.SpanTree;
import dev.aegis.server.query.TraceJson;
import java.io.IOException;
import java.io.OutputStream;
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
 * control events, one query each), the span tree built from them, and the JSON answer written to a sink that only
 * counts. The HTTP layer is not in it; {@link TraceQueryLoad} times that end to end, and {@link TraceStages} measures
 * the same stages in CPU time for machines too busy for these.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "--enable-native-access=ALL-UNNAMED"})
public class TraceReadBenchmark {
  private static final int LIMIT = TraceFixture.SPANS;

  @Param({"sqlite", "postgres"})
  public String store;

  private TraceFixture fixture;
  private Read read;
  private SpanTree tree;
  private final TraceJson answer = new TraceJson();

  /** What the route reads, in the store's order. */
  record Read(Run run, List<Span> spans, List<ToolCall> toolCalls, List<PromptSnapshot> prompts,
      List<RunEvent> events) {}

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    fixture = TraceFixture.open(store);
    read = readRun();
    if (read.spans().size() != TraceFixture.SPANS) {
      throw new IllegalStateException("the run has " + read.spans().size() + " spans, not " + TraceFixture.SPANS);
    }
    tree = buildTree();
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    fixture.close();
  }

  /** The five store reads of the trace route, scope run. */
  @Benchmark
  public Read readRun() {
    String tenant = TraceFixture.TENANT;
    String run = TraceFixture.RUN;
    return new Read(fixture.telemetry().run(tenant, run).orElseThrow(),
        fixture.telemetry().spansOfRun(tenant, run, LIMIT), fixture.telemetry().toolCallsOfRun(tenant, run, LIMIT),
        fixture.telemetry().promptSnapshotsOfRun(tenant, run, LIMIT),
        fixture.telemetry().runEventsOfRun(tenant, run, LIMIT));
  }

  /** Only the span tree, from rows already read. */
  @Benchmark
  public SpanTree buildTree() {
    return SpanTree.build(read.spans(), read.toolCalls(), read.prompts(), read.events(), SpanTree.DEFAULT_MAX_DEPTH);
  }

  /** Only the JSON answer, from a tree already built; returns its size in bytes. */
  @Benchmark
  public long writeAnswer() throws IOException {
    return write(read, tree);
  }

  /** Reads, tree and answer: what the route does apart from HTTP. */
  @Benchmark
  public long wholeRoute() throws IOException {
    Read r = readRun();
    return write(r, SpanTree.build(r.spans(), r.toolCalls(), r.prompts(), r.events(), SpanTree.DEFAULT_MAX_DEPTH));
  }

  private long write(Read r, SpanTree built) throws IOException {
    Counting out = new Counting();
    answer.write(out, r.run(), "run", r.run().traceId(), built, r.spans().size(), LIMIT);
    return out.bytes;
  }

  /** Counts what it is given and keeps none of it. */
  static final class Counting extends OutputStream {
    long bytes;

    @Override
    public void write(int b) {
      bytes++;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      bytes += len;
    }
  }
}
