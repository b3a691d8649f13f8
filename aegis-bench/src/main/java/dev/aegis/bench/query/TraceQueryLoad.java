package dev.aegis.bench.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aegis.bench.ingest.AgentSpans;
import dev.aegis.bench.ingest.OtlpEncoding;
import dev.aegis.bench.ingest.ZipkinEncoding;
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
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The trace query benchmark: sends one run of 10,000 spans (six levels deep, wide at the bottom) to each Aegis
 * target over OTLP, in exports of 512 spans as an SDK would, then times {@code GET /api/v1/runs/{run_id}/trace} from
 * request to the last byte of the answer, after a warmup, in rounds that visit the targets in turn. A Zipkin
 * target ({@code --zipkin NAME=URL}) gets the same spans as Zipkin JSON v2 and is timed on
 * {@code GET /api/v2/trace/{traceId}}, which answers the trace's spans as a flat list (the UI builds the tree).
 *
 * <pre>
 * TraceQueryLoad --target sqlite=http://127.0.0.1:4318 --admin-key sqlite=ADMIN_KEY [--pid sqlite=PID]
 *                [--spans 10000] [--warmup 20] [--rounds 5] [--per-round 10] [--scope run|trace]
 * </pre>
 */
public final class TraceQueryLoad {
  private static final Set<String> FLAGS = Set.of("target", "zipkin", "key", "admin-key", "pid", "spans", "export-spans",
      "warmup", "rounds", "per-round", "scope", "out");
  private static final ObjectMapper JSON = new ObjectMapper();

  private TraceQueryLoad() {}

  public static void main(String[] args) throws IOException, InterruptedException {
    try {
      run(args);
    } catch (IllegalArgumentException e) {
      System.err.println("TraceQueryLoad: " + e.getMessage());
      System.exit(2);
    }
  }

  private record Target(String name, URI root, String key, ProcessCpu cpu, String path, List<Double> millis,
      List<Double> cpuMillis, long[] bytes) {
    boolean zipkin() {
      return key == null;
    }
  }

  private static void run(String[] args) throws IOException, InterruptedException {
    Flags flags = Flags.parse(args, FLAGS);
    int spans = flags.integer("spans", 10_000);
    int exportSpans = flags.integer("export-spans", 512);
    int warmup = flags.integer("warmup", 20);
    int rounds = flags.integer("rounds", 5);
    int perRound = flags.integer("per-round", 10);
    String scope = flags.string("scope", "run");
    Map<String, URI> roots = new LinkedHashMap<>();
    Set<String> zipkins = new java.util.HashSet<>();
    for (String flag : List.of("target", "zipkin")) {
      for (String raw : flags.all(flag)) {
        int eq = raw.indexOf('=');
        boolean named = eq > 0 && !raw.substring(0, eq).contains(":");
        String name = named ? raw.substring(0, eq) : flag.equals("zipkin") ? "zipkin" : "aegis";
        roots.put(name, URI.create(named ? raw.substring(eq + 1) : raw));
        if (flag.equals("zipkin")) {
          zipkins.add(name);
        }
      }
    }
    if (roots.isEmpty()) {
      throw new IllegalArgumentException("name at least one --target NAME=http://host:port (the server's root)");
    }
    String sole = roots.size() == 1 ? roots.keySet().iterator().next() : null;
    Map<String, String> keys = flags.named("key", sole);
    Map<String, String> adminKeys = flags.named("admin-key", sole);
    Map<String, String> pids = flags.named("pid", sole);
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(10)).build();

    List<Target> targets = new ArrayList<>();
    for (Map.Entry<String, URI> e : roots.entrySet()) {
      String name = e.getKey();
      boolean zipkin = zipkins.contains(name);
      String key = zipkin ? null : keys.containsKey(name) ? keys.get(name)
          : adminKeys.containsKey(name) ? new AegisApi(e.getValue(), adminKeys.get(name)).newTenantAgentKey("query")
          : null;
      if (key == null && !zipkin) {
        throw new IllegalArgumentException("target " + name + " needs --key " + name + "=KEY (roles agent and operator)"
            + " or --admin-key " + name + "=ADMIN_KEY");
      }
      String runId = "run-query-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
      AgentSpans.Batch tree = new AgentSpans(ThreadLocalRandom.current().nextLong(),
          System.currentTimeMillis() * 1_000_000L - 900_000_000_000L).runTree(runId, spans);
      long sent = System.nanoTime();
      for (int from = 0; from < tree.spans().size(); from += exportSpans) {
        AgentSpans.Batch part = new AgentSpans.Batch(0, tree.resource(), tree.scopeName(), tree.scopeVersion(),
            tree.spans().subList(from, Math.min(tree.spans().size(), from + exportSpans)));
        HttpRequest.Builder export = HttpRequest.newBuilder(e.getValue().resolve(zipkin ? "/api/v2/spans"
                : "/v1/traces"))
            .header("Content-Type", zipkin ? "application/json" : "application/x-protobuf")
            .POST(HttpRequest.BodyPublishers.ofByteArray(zipkin ? ZipkinEncoding.json(part)
                : OtlpEncoding.protobuf(part)));
        if (key != null) {
          export.header("Authorization", "Bearer " + key);
        }
        HttpResponse<byte[]> r = http.send(export.build(), HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() / 100 != 2) {
          throw new IllegalStateException(name + ": export answered " + r.statusCode() + ": "
              + new String(r.body(), StandardCharsets.UTF_8));
        }
      }
      List<Long> pidList = pids.containsKey(name)
          ? Arrays.stream(pids.get(name).split(",")).map(String::strip).map(Long::parseLong).toList() : List.of();
      String path = zipkin ? "/api/v2/trace/" + tree.spans().getFirst().traceId()
          : "/api/v1/runs/" + runId + "/trace?scope=" + scope;
      Target t = new Target(name, e.getValue(), key, new ProcessCpu(pidList), path, new ArrayList<>(),
          new ArrayList<>(), new long[1]);
      byte[] body = query(http, t).body();
      JsonNode check = JSON.readTree(body);
      System.out.printf(Locale.ROOT, "%-16s %s: %d spans sent in %.1f s; the answer holds %d spans%s, %.1f MB%s%n",
          name, zipkin ? "trace " + tree.spans().getFirst().traceId() : "run " + runId, spans,
          (System.nanoTime() - sent) / 1e9, zipkin ? check.size() : check.path("span_count").asInt(),
          zipkin ? "" : " (" + check.path("total_spans").asLong() + " stored, truncated "
              + check.path("truncated").asBoolean() + ")", body.length / 1e6,
          zipkin ? "" : ", " + depth(check.path("roots")) + " levels deep");
      targets.add(t);
    }

    for (Target t : targets) {
      for (int i = 0; i < warmup; i++) {
        query(http, t);
      }
    }
    for (int round = 1; round <= rounds; round++) {
      for (int i = 0; i < targets.size(); i++) {
        Target t = targets.get((i + round - 1) % targets.size());
        for (int q = 0; q < perRound; q++) {
          long cpuFrom = t.cpu().nanos().orElse(-1);
          long from = System.nanoTime();
          HttpResponse<byte[]> r = query(http, t);
          t.millis().add((System.nanoTime() - from) / 1e6);
          long cpuTo = t.cpu().nanos().orElse(-1);
          if (cpuFrom >= 0 && cpuTo >= 0) {
            t.cpuMillis().add((cpuTo - cpuFrom) / 1e6);
          }
          t.bytes()[0] = r.body().length;
        }
      }
      System.out.printf(Locale.ROOT, "round %d done%n", round);
    }

    StringBuilder table = new StringBuilder();
    table.append(String.format(Locale.ROOT, "GET /api/v1/runs/{run_id}/trace?scope=%s (Zipkin: GET"
        + " /api/v2/trace/{trace_id}) on a run of %,d spans; %d warmup queries, then %d rounds of %d per target%n%n",
        scope, spans, warmup, rounds, perRound));
    table.append("| target | query | median ms | p95 ms | min – max ms | server CPU ms / query (median) | answer MB |\n");
    table.append("|---|---|---:|---:|---:|---:|---:|\n");
    for (Target t : targets) {
      double[] ms = t.millis().stream().mapToDouble(Double::doubleValue).toArray();
      double[] cpu = t.cpuMillis().stream().mapToDouble(Double::doubleValue).toArray();
      table.append(String.format(Locale.ROOT, "| %s | %s | %.1f | %.1f | %.1f – %.1f | %s | %.1f |%n", t.name(),
          t.zipkin() ? "trace (flat list)" : "run trace (tree)",
          Stats.median(ms), Stats.percentile(ms, 95), Stats.min(ms), Stats.max(ms),
          cpu.length == 0 ? "–" : String.format(Locale.ROOT, "%.0f", Stats.median(cpu)), t.bytes()[0] / 1e6));
    }
    table.append("\nServer CPU is read from /proc at 10 ms resolution, so it is rough for one query.\n");
    System.out.println();
    System.out.print(table);
    String out = flags.string("out", null);
    if (out != null) {
      Path path = Path.of(out);
      if (path.getParent() != null) {
        Files.createDirectories(path.getParent());
      }
      Files.writeString(path, table.toString(), StandardCharsets.UTF_8);
    }
  }

  /** The deepest level of the tree answer, counting the roots as level 1. */
  private static int depth(JsonNode nodes) {
    int deepest = 0;
    for (JsonNode node : nodes) {
      deepest = Math.max(deepest, 1 + depth(node.path("children")));
    }
    return deepest;
  }

  private static HttpResponse<byte[]> query(HttpClient http, Target t) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(t.root().resolve(t.path()))
        .timeout(Duration.ofMinutes(2))
        .header("Accept", "application/json")
        .GET();
    if (!t.zipkin()) {
      request.header("Authorization", "Bearer " + t.key());
    }
    HttpResponse<byte[]> r = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    if (r.statusCode() != 200) {
      throw new IllegalStateException(t.name() + ": trace query answered " + r.statusCode() + ": "
          + new String(r.body(), StandardCharsets.UTF_8));
    }
    return r;
  }
}
