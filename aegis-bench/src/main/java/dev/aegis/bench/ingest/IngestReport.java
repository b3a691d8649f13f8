package dev.aegis.bench.ingest;

import dev.aegis.bench.support.Stats;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.stream.Collectors;
import org.HdrHistogram.Histogram;

/** The ingest results as a Markdown table: one line per target, medians and spreads over the measured rounds. */
final class IngestReport {
  private IngestReport() {}

  static String table(List<LoadTarget> targets, List<Segment.Result> results, String peer) {
    Map<String, List<Segment.Result>> byTarget = results.stream()
        .collect(Collectors.groupingBy(Segment.Result::target));
    StringBuilder out = new StringBuilder();
    out.append("| target | wire | spans/s (median) | min – max | spread | vs ").append(peer == null ? "peer" : peer)
        .append(" (same round) | p50 ms | p99 ms | max ms | refused 429/503 | errors | server CPU ms / 1k spans"
            + " | bytes/span |\n");
    out.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (LoadTarget t : targets) {
      List<Segment.Result> mine = byTarget.getOrDefault(t.name, List.of());
      if (mine.isEmpty()) {
        continue;
      }
      double[] rates = mine.stream().mapToDouble(Segment.Result::spansPerSecond).toArray();
      Histogram latency = new Histogram(3);
      mine.forEach(r -> latency.add(r.latencyMicros()));
      double[] cpu = mine.stream().map(Segment.Result::serverCpuMillisPerKiloSpan)
          .filter(OptionalDouble::isPresent).mapToDouble(OptionalDouble::getAsDouble).toArray();
      double[] written = mine.stream().map(Segment.Result::serverWriteBytesPerSpan)
          .filter(OptionalDouble::isPresent).mapToDouble(OptionalDouble::getAsDouble).toArray();
      out.append(String.format(Locale.ROOT, "| %s | %s%s | %,.0f | %,.0f – %,.0f | ±%.0f%% | %s | %.1f | %.1f | %.1f"
              + " | %d | %d | %s | %s | %.0f%s |\n",
          t.name, t.wire.label, t.gzip ? " gzip" : "", Stats.median(rates), Stats.min(rates), Stats.max(rates),
          Stats.halfRangePercent(rates), ratio(t.name, peer, results),
          latency.getValueAtPercentile(50) / 1e3, latency.getValueAtPercentile(99) / 1e3,
          latency.getMaxValue() / 1e3,
          mine.stream().mapToLong(Segment.Result::refused).sum(), mine.stream().mapToLong(Segment.Result::errors).sum(),
          cpu.length == 0 ? "–" : String.format(Locale.ROOT, "%.0f (%.0f – %.0f)", Stats.median(cpu), Stats.min(cpu),
              Stats.max(cpu)),
          written.length == 0 ? "–" : String.format(Locale.ROOT, "%,.0f B", Stats.median(written)),
          t.bytesPerSpan(), t.gzip ? String.format(Locale.ROOT, " (%.0f sent)", t.sentBytesPerSpan()) : ""));
    }
    out.append(String.format(Locale.ROOT, "%nRounds: %d per target; spread is half the min–max range over the"
        + " median. Ratios are medians of per-round ratios (min – max in brackets).%n",
        results.stream().mapToInt(Segment.Result::round).max().orElse(0)));
    return out.toString();
  }

  private static String ratio(String target, String peer, List<Segment.Result> results) {
    if (peer == null) {
      return "–";
    }
    if (peer.equals(target)) {
      return "1";
    }
    List<Double> ratios = new ArrayList<>();
    for (Segment.Result mine : results) {
      if (!mine.target().equals(target)) {
        continue;
      }
      results.stream()
          .filter(r -> r.target().equals(peer) && r.round() == mine.round() && r.spansPerSecond() > 0)
          .findFirst()
          .ifPresent(p -> ratios.add(mine.spansPerSecond() / p.spansPerSecond()));
    }
    if (ratios.isEmpty()) {
      return "–";
    }
    double[] r = ratios.stream().mapToDouble(Double::doubleValue).toArray();
    return String.format(Locale.ROOT, "%.2f× (%.2f – %.2f)", Stats.median(r), Stats.min(r), Stats.max(r));
  }
}
