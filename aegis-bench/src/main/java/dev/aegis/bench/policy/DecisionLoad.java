package dev.aegis.bench.policy;

import dev.aegis.bench.support.AegisApi;
import dev.aegis.bench.support.Flags;
import dev.aegis.bench.support.ProcessCpu;
import dev.aegis.bench.support.Stats;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * HTTP decisions per second on loopback: starts an Aegis server in its own JVM (SQLite in a temporary directory),
 * applies the brief's policy, and drives {@code POST /api/v1/decisions} from closed-loop senders with a mix of
 * outcomes (allow, deny, require_approval) over many agents, in rounds. Every non-allow decision, and allows at the
 * server's sample rate, is written to the decision log before the answer, as in production.
 *
 * <pre>
 * ./aegis load policy.DecisionLoad --concurrency 32 --warmup 10s --duration 10s --rounds 5 --allow-sample-rate 1
 * </pre>
 */
public final class DecisionLoad {
  private static final Set<String> FLAGS =
      Set.of("concurrency", "warmup", "duration", "rounds", "allow-sample-rate", "heap", "agents");
  private static final String POLICY = """
      {
        "policy_id": "policy-agent-summarizer",
        "capabilities": ["read:documents", "write:summaries"],
        "connectors": {
          "s3": { "role": "read-only", "rate_limit_per_min": 120 },
          "db": { "role": "write-limited", "rate_limit_per_min": 30 }
        },
        "approval_thresholds": {
          "write:size_mb": 50,
          "write:external_domain": ["requires_approval"]
        }
      }
      """;

  private DecisionLoad() {}

  public static void main(String[] args) throws Exception {
    Flags flags = Flags.parse(args, FLAGS);
    int concurrency = flags.integer("concurrency", 32);
    Duration warmup = flags.duration("warmup", Duration.ofSeconds(10));
    Duration duration = flags.duration("duration", Duration.ofSeconds(10));
    int rounds = flags.integer("rounds", 5);
    int agents = flags.integer("agents", 10_000);
    String sampleRate = flags.string("allow-sample-rate", "1");
    String heap = flags.string("heap", "2g");

    Path dir = Files.createTempDirectory("aegis-decision-bench");
    String adminKey = "bench-admin-" + Long.toHexString(System.nanoTime()) + Long.toHexString(System.identityHashCode(dir));
    Path ready = dir.resolve("server.ready");
    String java = ProcessHandle.current().info().command().orElse("java");
    ProcessBuilder builder = new ProcessBuilder(java, "-Xms" + heap, "-Xmx" + heap, "-XX:+UseG1GC",
        "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
        "dev.aegis.bench.support.AegisServerMain", ready.toString(), "server.port=0",
        "data.dir=" + dir.resolve("data"), "policy.allow_log_sample_rate=" + sampleRate, "log.level=warn")
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve("server.log").toFile());
    builder.environment().keySet().removeIf(name -> name.startsWith("AEGIS_"));
    builder.environment().put("AEGIS_ADMIN_KEY", adminKey);
    Process server = builder.start();
    try {
      URI base = awaitReady(server, ready);
      AegisApi api = new AegisApi(base, adminKey);
      String key = api.newTenantKey("decisions", "agent", "admin", "operator");
      HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      send(http, HttpRequest.newBuilder(base.resolve("/api/v1/policies/policy-agent-summarizer"))
          .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
          .PUT(HttpRequest.BodyPublishers.ofString(POLICY)).build(), 201);

      System.out.printf(Locale.ROOT, "decision load: %d senders, %d agents, allows logged at rate %s, warmup %s,"
          + " %d rounds of %s; server heap %s%n", concurrency, agents, sampleRate, warmup, rounds, duration, heap);
      ProcessCpu cpu = new ProcessCpu(List.of(server.pid()));
      Round w = round(http, base, key, concurrency, agents, warmup, cpu);
      System.out.printf(Locale.ROOT, "warmup   %,8.0f decisions/s%n", w.perSecond());
      double[] rates = new double[rounds];
      double[] p99s = new double[rounds];
      for (int i = 0; i < rounds; i++) {
        Round r = round(http, base, key, concurrency, agents, duration, cpu);
        rates[i] = r.perSecond();
        p99s[i] = r.p99Ms();
        System.out.printf(Locale.ROOT, "round %d  %,8.0f decisions/s  p50 %6.2f ms  p99 %6.2f ms  errors %d"
            + "  server CPU %.1f µs/decision%n", i + 1, r.perSecond(), r.p50Ms(), r.p99Ms(), r.errors(),
            r.cpuMicrosPerDecision());
      }
      System.out.printf(Locale.ROOT, "median %,.0f decisions/s (%,.0f – %,.0f, ±%.0f%%); median p99 %.2f ms%n",
          Stats.median(rates), Stats.min(rates), Stats.max(rates), Stats.halfRangePercent(rates),
          Stats.median(p99s));
    } finally {
      server.destroy();
      server.waitFor();
    }
  }

  private record Round(double perSecond, double p50Ms, double p99Ms, long errors, double cpuMicrosPerDecision) {}

  private static Round round(HttpClient http, URI base, String key, int concurrency, int agents, Duration length,
      ProcessCpu cpu) throws InterruptedException {
    AtomicBoolean stop = new AtomicBoolean();
    LongAdder done = new LongAdder();
    LongAdder errors = new LongAdder();
    List<long[]> latencies = new ArrayList<>();
    long cpuBefore = cpu.nanos().orElse(0);
    long started = System.nanoTime();
    try (ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int s = 0; s < concurrency; s++) {
        long[] mine = new long[1 << 20];
        latencies.add(mine);
        int sender = s;
        senders.submit(() -> {
          int n = 0;
          while (!stop.get()) {
            int i = sender + n * concurrency;
            HttpRequest request = HttpRequest.newBuilder(base.resolve("/api/v1/decisions"))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body(i, agents))).build();
            long t0 = System.nanoTime();
            try {
              HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
              if (response.statusCode() != 200) {
                errors.increment();
              }
            } catch (IOException e) {
              errors.increment();
            } catch (InterruptedException e) {
              return;
            }
            if (n < mine.length) {
              mine[n] = System.nanoTime() - t0;
            }
            n++;
            done.increment();
          }
          mine[mine.length - 1] = n;
        });
      }
      Thread.sleep(length.toMillis());
      stop.set(true);
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    long count = done.sum();
    List<Double> all = new ArrayList<>();
    for (long[] mine : latencies) {
      int n = (int) Math.min(mine[mine.length - 1], mine.length - 1);
      for (int i = 0; i < n; i++) {
        all.add(mine[i] / 1e6);
      }
    }
    double[] ms = all.stream().mapToDouble(Double::doubleValue).toArray();
    long cpuNanos = cpu.nanos().orElse(cpuBefore) - cpuBefore;
    return new Round(count / seconds, Stats.percentile(ms, 50), Stats.percentile(ms, 99), errors.sum(),
        count == 0 ? 0 : cpuNanos / 1e3 / count);
  }

  /** The i-th request of the mix: 70% reads, 20% writes to db, 5% writes to the read-only s3, 5% large writes. */
  static String body(int i, int agents) {
    String agent = "agent-" + (i % agents);
    return switch (i % 20) {
      case 0 -> "{\"agent_id\": \"" + agent + "\", \"action\": \"write:summaries\", \"connector\": \"s3\"}";
      case 1 -> "{\"agent_id\": \"" + agent + "\", \"action\": \"write:summaries\", \"connector\": \"db\","
          + " \"attributes\": {\"size_mb\": 60}}";
      case 2, 3, 4, 5 -> "{\"agent_id\": \"" + agent + "\", \"action\": \"write:summaries\", \"connector\": \"db\"}";
      default -> "{\"agent_id\": \"" + agent + "\", \"action\": \"read:documents\", \"connector\": \"s3\","
          + " \"resource\": \"documents/" + i + "\"}";
    };
  }

  private static URI awaitReady(Process server, Path ready) throws IOException, InterruptedException {
    for (int i = 0; i < 240; i++) {
      if (Files.exists(ready)) {
        for (String line : Files.readAllLines(ready, StandardCharsets.UTF_8)) {
          if (line.startsWith("url=")) {
            return URI.create(line.substring(4));
          }
        }
      }
      if (!server.isAlive()) {
        throw new IllegalStateException("the server exited during start-up");
      }
      Thread.sleep(500);
    }
    throw new IllegalStateException("the server did not start within 120 s");
  }

  private static void send(HttpClient http, HttpRequest request, int expected) throws IOException,
      InterruptedException {
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != expected) {
      throw new IllegalStateException(request.uri() + " answered " + response.statusCode() + ": " + response.body());
    }
  }
}
