package dev.aegis.cli.runs;

import dev.aegis.cli.support.Fields;
import dev.aegis.cli.support.Formats;
import dev.aegis.cli.support.Table;
import dev.aegis.client.PromptUsage;
import dev.aegis.client.Run;
import dev.aegis.client.RunDetail;
import dev.aegis.client.RunTimeline;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The tables and field lists the runs, traces and prompts commands print; the demo prints them too. */
public final class RunViews {
  private static final DateTimeFormatter CLOCK =
      DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter STARTED =
      DateTimeFormatter.ofPattern("MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

  private RunViews() {}

  /**
   * Runs as a table: id, agent, task type, status, start (UTC, without the year, so that the names fit 80
   * columns; {@code -o json} has the full time) and duration.
   */
  public static List<String> table(List<Run> runs, int width) {
    Table table = new Table().column("RUN").flexibleColumn("AGENT").flexibleColumn("TASK").column("STATUS")
        .column("STARTED (UTC)").column("TOOK");
    runs.forEach(r -> table.row(r.runId(), r.agentId(), r.taskType(), RunFormats.status(r.status()),
        r.startedAt() == null ? "" : STARTED.format(r.startedAt()), RunFormats.duration(r.durationMs())));
    return table.render(width);
  }

  /** A run's summary as labelled lines, then its lineage: ancestors root first, and its children. */
  public static List<String> detail(RunDetail detail, Glyphs glyphs, int width) {
    Run run = detail.run();
    List<String> lines = new ArrayList<>(new Fields()
        .add("run", run.runId())
        .add("trace", run.traceId())
        .add("parent run", or(run.parentRunId(), "none"))
        .add("agent", describeAgent(run))
        .add("task type", or(run.taskType(), ""))
        .add("stage", or(run.stage(), ""))
        .add("status", RunFormats.status(run.status()) + (run.errorCount() > 0
            ? " (" + RunFormats.count(run.errorCount()) + " of " + RunFormats.count(run.spanCount())
            + " spans failed)" : ""))
        .add("started", Formats.time(run.startedAt(), ""))
        .add("duration", RunFormats.duration(run.durationMs()))
        .add("spans", RunFormats.count(run.spanCount()) + ", of them " + RunFormats.count(run.toolCallCount())
            + " tool calls")
        .add("tokens", run.totalTokens() == 0 ? "none" : RunFormats.tokens(run) + " ("
            + RunFormats.count(run.cachedInputTokens()) + " cached input), " + RunFormats.count(run.totalTokens())
            + " in all")
        .add("models", run.models().isEmpty() ? "none" : String.join(", ", run.models()))
        .add("service", describeService(run))
        .render());
    RunDetail.Lineage lineage = detail.lineage();
    lines.add("");
    lines.add("lineage, root first:");
    List<Run> chain = new ArrayList<>(lineage.ancestors().reversed());
    String note = switch (lineage.chainEnd()) {
      case "missing_parent" -> "(parent run " + (chain.isEmpty() ? run.parentRunId() : chain.get(0).parentRunId())
          + " is not stored)";
      case "cycle" -> "(the parent runs loop; the chain stops before it repeats)";
      case "max_depth" -> "(more ancestors above these)";
      default -> null;
    };
    String indent = "  ";
    if (note != null) {
      lines.add(RunFormats.cut(indent + note, width));
    }
    chain.add(run);
    for (int i = 0; i < chain.size(); i++) {
      Run link = chain.get(i);
      String connector = i == 0 ? "" : glyphs.last();
      lines.add(RunFormats.cut(indent + connector + brief(link) + (link == run ? "   <- this run" : ""), width));
      if (i > 0) {
        indent += glyphs.space();
      }
    }
    lines.add("");
    if (lineage.childCount() == 0) {
      lines.add("children: none");
    } else {
      lines.add("children (" + RunFormats.count(lineage.childCount()) + "):");
      for (Run child : lineage.children()) {
        lines.add(RunFormats.cut("  " + brief(child), width));
      }
      if (lineage.childCount() > lineage.children().size()) {
        lines.add("  ... and " + RunFormats.count(lineage.childCount() - lineage.children().size())
            + " more: aegis runs children " + run.runId() + " --all");
      }
    }
    return lines;
  }

  /** Such as {@code run-2  refund-worker-7  refund  ERROR}. */
  static String brief(Run run) {
    List<String> parts = new ArrayList<>();
    parts.add(run.runId());
    if (run.agentId() != null) {
      parts.add(run.agentId());
    }
    if (run.taskType() != null) {
      parts.add(run.taskType());
    }
    parts.add(RunFormats.status(run.status()));
    return String.join("  ", parts);
  }

  /** The timeline as a table: clock time, offset from the first entry, type, and what happened. */
  public static List<String> timeline(RunTimeline timeline, int width) {
    Table table = new Table().column("TIME").column("OFFSET").column("TYPE").flexibleColumn("WHAT");
    Instant first = timeline.entries().isEmpty() ? null : timeline.entries().get(0).at();
    for (RunTimeline.Entry entry : timeline.entries()) {
      double offset = Duration.between(first, entry.at()).toNanos() / 1_000_000.0;
      table.row(CLOCK.format(entry.at()), "+" + RunFormats.duration(offset), entry.type(), entry.summary());
    }
    return table.render(width);
  }

  /** The model calls that used one prompt: when, which run and agent, which model. */
  public static List<String> promptUsage(PromptUsage usage, int width) {
    Map<String, Run> runs = usage.runs().stream().collect(Collectors.toMap(Run::runId, Function.identity()));
    Table table = new Table().column("AT").column("RUN").flexibleColumn("AGENT").flexibleColumn("MODEL")
        .column("SPAN");
    for (PromptUsage.Snapshot snapshot : usage.snapshots()) {
      Run run = runs.get(snapshot.runId());
      table.row(Formats.time(snapshot.at(), ""), snapshot.runId(), run == null ? "" : run.agentId(),
          snapshot.model(), snapshot.spanId());
    }
    return table.render(width);
  }

  private static String describeAgent(Run run) {
    List<String> parts = new ArrayList<>();
    if (run.agentId() != null) {
      parts.add(run.agentId());
    }
    if (run.agentName() != null) {
      parts.add("(" + run.agentName() + ")");
    }
    if (run.agentVersion() != null) {
      parts.add("version " + run.agentVersion());
    }
    return String.join(" ", parts);
  }

  private static String describeService(Run run) {
    List<String> where = new ArrayList<>();
    if (run.environment() != null) {
      where.add(run.environment());
    }
    if (run.region() != null) {
      where.add(run.region());
    }
    return or(run.serviceName(), "") + (where.isEmpty() ? "" : " (" + String.join(", ", where) + ")");
  }

  private static String or(String value, String fallback) {
    return value == null ? fallback : value;
  }
}
