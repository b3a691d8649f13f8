package dev.aegis.bench.ingest;

import dev.aegis.bench.support.AegisApi;
import dev.aegis.bench.support.Flags;
import dev.aegis.bench.support.ProcessCpu;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The OTLP ingest load driver: sends pre-built agent span batches to one or more targets (Aegis at
 * {@code /v1/traces}, Zipkin at {@code /api/v2/spans}) with closed-loop senders, and reports acknowledged spans per
 * second (median and spread over rounds) and request latency percentiles. With several targets, every round visits
 * each of them in turn, starting one further along each round, so the noise of a shared machine falls on all alike;
 * ratios are taken between targets measured in the same round.
 *
 * <pre>
 * IngestLoad --target sqlite=http://127.0.0.1:4318/v1/traces --admin-key sqlite=ADMIN_KEY \
 *            --target zipkin=http://127.0.0.1:9411/api/v2/spans \
 *            --concurrency 8 --spans-per-request 512 --warmup 20s --duration 10s --rounds 5
 * </pre>
 *
 * <p>A target is Zipkin when its path ends in {@code /api/v2/spans} (it gets Zipkin JSON v2), else OTLP in the
 * {@code --format} given. An Aegis target needs {@code --key NAME=AGENT_KEY}, or {@code --admin-key NAME=KEY} to
 * create a tenant and agent key of its own. {@code --pid NAME=PID[,PID]} names the server's processes (their
 * descendants are included) so the report can give server CPU time per 1,000 spans.
 */
public final class IngestLoad {
  private static final Set<String> FLAGS = Set.of("target", "key", "admin-key", "pid", "format", "gzip",
      "concurrency", "spans-per-request", "runs-per-request", "templates", "warmup", "settle", "duration", "rounds",
      "peer", "seed", "out", "note");

  private IngestLoad() {}

  public static void main(String[] args) throws IOException {
    try {
      run(args);
    } catch (IllegalArgumentException e) {
      System.err.println("IngestLoad: " + e.getMessage());
      System.exit(2);
    }
  }

  private static void run(String[] args) throws IOException {
    Flags flags = Flags.parse(args, FLAGS);
    Settings settings = Settings.of(flags);
    List<LoadTarget> targets = targets(flags, settings);
    PrintStream out = System.out;
    out.printf(Locale.ROOT, "ingest load: %d senders, %d spans in %d runs per request, %s%s, warmup %s, %d rounds"
            + " of %s (+%s settling) per target%n", settings.concurrency, settings.spansPerRequest,
        settings.runsPerRequest, settings.gzip ? "gzip" : "no gzip",
        settings.format == LoadTarget.Wire.OTLP_JSON ? ", OTLP JSON" : "", seconds(settings.warmup), settings.rounds,
        seconds(settings.duration), seconds(settings.settle));
    for (LoadTarget t : targets) {
      out.printf(Locale.ROOT, "  %-16s %-15s %s  %.0f bytes/span%s%n", t.name, t.wire.label, t.url,
          t.bytesPerSpan(), t.gzip ? String.format(Locale.ROOT, " (%.0f gzipped)", t.sentBytesPerSpan()) : "");
    }

    for (LoadTarget t : targets) {
      Segment.Result warm = Segment.run(t, 0, settings.concurrency, Duration.ZERO, settings.warmup);
      out.printf(Locale.ROOT, "warmup   %-16s %9.0f spans/s%s%n", t.name, warm.spansPerSecond(), problems(warm));
    }
    List<Segment.Result> results = new ArrayList<>();
    for (int round = 1; round <= settings.rounds; round++) {
      for (int i = 0; i < targets.size(); i++) {
        LoadTarget t = targets.get((i + round - 1) % targets.size());
        Segment.Result r = Segment.run(t, round, settings.concurrency, settings.settle, settings.duration);
        results.add(r);
        out.printf(Locale.ROOT, "round %-2d %-16s %9.0f spans/s  p50 %6.1f ms  p99 %6.1f ms%s%s%s%n", round, t.name,
            r.spansPerSecond(), r.latencyMicros().getValueAtPercentile(50) / 1e3,
            r.latencyMicros().getValueAtPercentile(99) / 1e3,
            r.serverCpuMillisPerKiloSpan().isPresent()
                ? String.format(Locale.ROOT, "  server CPU %.0f ms/1k spans", r.serverCpuMillisPerKiloSpan()
                .getAsDouble()) : "",
            r.serverWriteBytesPerSpan().isPresent()
                ? String.format(Locale.ROOT, "  disk %,.0f B/span", r.serverWriteBytesPerSpan().getAsDouble()) : "",
            problems(r));
      }
    }
    String peer = flags.string("peer", targets.stream().filter(t -> t.wire == LoadTarget.Wire.ZIPKIN_JSON)
        .map(t -> t.name).findFirst().orElse(null));
    String table = IngestReport.table(targets, results, peer);
    out.println();
    out.print(table);
    String file = flags.string("out", null);
    if (file != null) {
      Path path = Path.of(file);
      if (path.getParent() != null) {
        Files.createDirectories(path.getParent());
      }
      Files.writeString(path, "Command: IngestLoad " + String.join(" ", redactKeys(args)) + "\n\n" + table,
          StandardCharsets.UTF_8);
      out.println("written to " + path);
    }
  }

  private static String problems(Segment.Result r) {
    StringBuilder s = new StringBuilder();
    if (r.refused() > 0) {
      s.append("  refused ").append(r.refused());
    }
    if (r.errors() > 0) {
      s.append("  errors ").append(r.errors()).append(" (first: ").append(r.firstError()).append(')');
    }
    return s.toString();
  }

  private static String seconds(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
  }

  private static List<String> redactKeys(String[] args) {
    List<String> out = new ArrayList<>(Arrays.asList(args));
    for (int i = 0; i < out.size(); i++) {
      String a = out.get(i);
      boolean keyFlag = a.equals("--key") || a.equals("--admin-key");
      if (keyFlag && i + 1 < out.size()) {
        String v = out.get(i + 1);
        int eq = v.indexOf('=');
        out.set(i + 1, (eq > 0 ? v.substring(0, eq + 1) : "") + "***");
      } else if (a.startsWith("--key=") || a.startsWith("--admin-key=")) {
        out.set(i, a.substring(0, a.indexOf('=') + 1) + "***");
      }
    }
    return out;
  }

  private record Settings(LoadTarget.Wire format, boolean gzip, int concurrency, int spansPerRequest,
      int runsPerRequest, int templates, Duration warmup, Duration settle, Duration duration, int rounds,
      long seed) {
    static Settings of(Flags f) {
      LoadTarget.Wire format = switch (f.string("format", "protobuf").toLowerCase(Locale.ROOT)) {
        case "protobuf", "proto" -> LoadTarget.Wire.OTLP_PROTOBUF;
        case "json" -> LoadTarget.Wire.OTLP_JSON;
        default -> throw new IllegalArgumentException("--format is protobuf or json");
      };
      return new Settings(format, f.bool("gzip", false), f.integer("concurrency", 8),
          f.integer("spans-per-request", 512), f.integer("runs-per-request", 4), f.integer("templates", 16),
          f.duration("warmup", Duration.ofSeconds(20)), f.duration("settle", Duration.ofSeconds(1)),
          f.duration("duration", Duration.ofSeconds(10)), f.integer("rounds", 5),
          Long.parseLong(f.string("seed", "20260529")));
    }
  }

  private static List<LoadTarget> targets(Flags flags, Settings settings) {
    List<String> given = flags.all("target");
    if (given.isEmpty()) {
      throw new IllegalArgumentException("name at least one --target NAME=URL");
    }
    Map<String, URI> urls = new LinkedHashMap<>();
    for (String raw : given) {
      int eq = raw.indexOf('=');
      boolean named = eq > 0 && !raw.substring(0, eq).contains(":");
      URI url = URI.create(named ? raw.substring(eq + 1) : raw);
      String name = named ? raw.substring(0, eq) : isZipkin(url) ? "zipkin" : "aegis";
      urls.put(name, url);
    }
    String sole = urls.size() == 1 ? urls.keySet().iterator().next() : null;
    Map<String, String> keys = flags.named("key", sole);
    Map<String, String> adminKeys = flags.named("admin-key", sole);
    Map<String, String> pids = flags.named("pid", sole);

    // the same batches for every target: only the encoding differs
    long base = System.currentTimeMillis() * 1_000_000L - 3_600_000_000_000L;
    AgentSpans spans = new AgentSpans(settings.seed, base);
    List<AgentSpans.Batch> batches = new ArrayList<>();
    for (int i = 0; i < settings.templates; i++) {
      batches.add(spans.batch(settings.spansPerRequest, settings.runsPerRequest));
    }
    SplittableRandom salts = new SplittableRandom();
    List<LoadTarget> targets = new ArrayList<>();
    urls.forEach((name, url) -> {
      boolean zipkin = isZipkin(url);
      String key = keys.get(name);
      if (key == null && adminKeys.containsKey(name)) {
        key = new AegisApi(AegisApi.rootOf(url), adminKeys.get(name)).newTenantAgentKey("bench");
      }
      if (!zipkin && key == null) {
        throw new IllegalArgumentException("target " + name + " needs --key " + name + "=AGENT_KEY or --admin-key "
            + name + "=ADMIN_KEY");
      }
      List<Long> pidList = pids.containsKey(name)
          ? Arrays.stream(pids.get(name).split(",")).map(String::strip).map(Long::parseLong).toList()
          : List.of();
      targets.add(new LoadTarget(name, url, zipkin ? LoadTarget.Wire.ZIPKIN_JSON : settings.format,
          settings.gzip, zipkin ? null : key, batches, new ProcessCpu(pidList), salts.nextLong()));
    });
    return targets;
  }

  private static boolean isZipkin(URI url) {
    return url.getPath() != null && url.getPath().endsWith("/api/v2/spans");
  }
}
