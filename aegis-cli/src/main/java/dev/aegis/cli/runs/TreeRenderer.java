package dev.aegis.cli.runs;

import dev.aegis.client.Run;
import dev.aegis.client.RunTrace;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Draws a {@link RunTrace} as an indented tree that fits the terminal: each span's name, then aligned columns for
 * its category, duration and status, then what matters for its kind (a tool call's method, endpoint and status
 * code; a model call's model and tokens; where a child run begins). Failed spans carry a marker. What does not
 * fit on a span's line goes on the lines under it, as do its control events.
 */
public final class TreeRenderer {
  private static final int CATEGORY = 5;
  private static final int DURATION = 8;
  private static final int META = CATEGORY + 2 + DURATION + 2 + 5;

  private final Glyphs glyphs;
  private final int width;
  private final String scope;
  private final List<Row> rows = new ArrayList<>();

  private TreeRenderer(Glyphs glyphs, int width, String scope) {
    this.glyphs = glyphs;
    this.width = width;
    this.scope = scope;
  }

  /** The header and the tree, each line at most {@code width} characters unless the nesting alone is wider. */
  public static List<String> render(RunTrace trace, int width, Glyphs glyphs) {
    TreeRenderer renderer = new TreeRenderer(glyphs, width, trace.scope());
    List<String> out = new ArrayList<>(header(trace, width));
    out.add("");
    if (trace.roots().isEmpty()) {
      out.add("(no spans stored)");
      return out;
    }
    for (RunTrace.Node root : trace.roots()) {
      renderer.visit(root, "", "", true, true, trace.run().runId());
    }
    out.addAll(renderer.layout());
    if (!trace.unattachedEvents().isEmpty()) {
      out.add("");
      out.add(cut("control events without a span in this tree:", width));
      for (RunTrace.ControlEvent event : trace.unattachedEvents()) {
        out.add(cut("  " + glyphs.event() + controlEvent(event), width));
      }
    }
    return out;
  }

  /** What the tree is of: the run, its agent and task, how it went, and which spans are shown. */
  static List<String> header(RunTrace trace, int width) {
    Run run = trace.run();
    List<String> lines = new ArrayList<>();
    StringBuilder what = new StringBuilder("run ").append(run.runId());
    List<String> who = new ArrayList<>();
    if (run.agentId() != null) {
      who.add(run.agentId());
    }
    if (run.taskType() != null) {
      who.add(run.taskType());
    }
    if (!who.isEmpty()) {
      what.append(" (").append(String.join(", ", who)).append(')');
    }
    lines.add(cut(what.toString(), width));
    StringBuilder how = new StringBuilder("status ").append(RunFormats.status(run.status())).append(", ")
        .append(RunFormats.duration(run.durationMs())).append(", ")
        .append(RunFormats.count(run.spanCount())).append(run.spanCount() == 1 ? " span" : " spans");
    if (run.errorCount() > 0) {
      how.append(" (").append(RunFormats.count(run.errorCount())).append(" failed)");
    }
    if (!RunFormats.tokens(run).isEmpty()) {
      how.append(", tokens ").append(RunFormats.tokens(run));
    }
    lines.add(cut(how.toString(), width));
    if ("trace".equals(trace.scope())) {
      lines.add(cut("every span of trace " + trace.traceId() + ", child runs included", width));
    }
    if (trace.truncated()) {
      lines.add(cut("showing the first " + RunFormats.count(trace.spanCount()) + " of "
          + RunFormats.count(trace.totalSpans()) + " spans (the server's query.max_trace_spans)", width));
    }
    return lines;
  }

  /**
   * One line of the tree: a span with its columns (and its extra, which goes on the same line when it fits, else
   * on a line of its own under the span), or a line under a span.
   */
  private record Row(String left, String meta, String extra, String underPrefix, String text) {
    static Row span(String left, String meta, String extra, String underPrefix) {
      return new Row(left, meta, extra, underPrefix, null);
    }

    static Row under(String prefix, String text) {
      return new Row(null, null, null, prefix, text);
    }
  }

  private void visit(RunTrace.Node node, String prefix, String connector, boolean root, boolean last,
      String parentRunId) {
    String childPrefix = root ? prefix : prefix + (last ? glyphs.space() : glyphs.pipe());
    String underPrefix = childPrefix + (node.children().isEmpty() ? glyphs.space() : glyphs.pipe());
    String left = prefix + connector + (node.failed() ? glyphs.error() : "") + node.name();
    String meta = String.format(Locale.ROOT, "%-" + CATEGORY + "s  %" + DURATION + "s  %s", node.category(),
        RunFormats.duration(node.durationMs()), node.failed() ? "ERROR" : "ok");
    rows.add(Row.span(left, meta, extra(node, parentRunId), underPrefix));
    if (root && !"root".equals(node.link())) {
      rows.add(Row.under(underPrefix, linkNote(node)));
    }
    if (node.failed() && node.statusMessage() != null) {
      rows.add(Row.under(underPrefix, "error: " + node.statusMessage()));
    }
    for (RunTrace.ControlEvent event : node.controlEvents()) {
      rows.add(Row.under(underPrefix, glyphs.event() + controlEvent(event)));
    }
    for (int i = 0; i < node.children().size(); i++) {
      boolean lastChild = i == node.children().size() - 1;
      visit(node.children().get(i), childPrefix, lastChild ? glyphs.last() : glyphs.branch(), false, lastChild,
          node.runId());
    }
  }

  /** A tool call's request and answer, a model call's tokens, or the run a span starts. */
  private String extra(RunTrace.Node node, String parentRunId) {
    RunTrace.ToolCall call = node.toolCall();
    if (call != null) {
      StringBuilder out = new StringBuilder();
      if (call.method() != null) {
        out.append(call.method()).append(' ');
      }
      out.append(call.endpoint() != null ? call.endpoint() : call.tool());
      if (call.statusCode() != null) {
        out.append(' ').append(glyphs.arrow()).append(RunFormats.GLUE).append(call.statusCode());
      }
      return out.toString();
    }
    if ("llm".equals(node.category())) {
      String model = firstString(node.attributes(), "gen_ai.response.model", "gen_ai.request.model", "model.name");
      if (model == null && node.prompt() != null) {
        model = node.prompt().model();
      }
      Long in = firstNumber(node.attributes(), "gen_ai.usage.input_tokens", "gen_ai.usage.prompt_tokens");
      Long out = firstNumber(node.attributes(), "gen_ai.usage.output_tokens", "gen_ai.usage.completion_tokens");
      List<String> parts = new ArrayList<>();
      if (model != null) {
        parts.add(model);
      }
      if (in != null || out != null) {
        parts.add((in == null ? "?" : RunFormats.count(in)) + " in / " + (out == null ? "?" : RunFormats.count(out))
            + " out tokens");
      }
      return parts.isEmpty() ? null : String.join(", ", parts);
    }
    if (node.runId() != null && !node.runId().equals(parentRunId)) {
      return "run " + node.runId();
    }
    return null;
  }

  private String linkNote(RunTrace.Node node) {
    return switch (node.link()) {
      case "orphan" -> "(its parent span " + node.parentSpanId() + " is not in this "
          + ("run".equals(scope) ? "run; --scope trace shows the whole trace)" : "trace)");
      case "continued" -> "(continued from span " + node.parentSpanId() + ": trees nest at most 100 levels)";
      case "cycle" -> "(its parent spans loop back to it; the loop is cut here)";
      default -> "(" + node.link() + ")";
    };
  }

  static String controlEvent(RunTrace.ControlEvent event) {
    String attributes = RunFormats.attributes(event.attributes());
    return event.type() + (attributes.isEmpty() ? "" : ": " + attributes);
  }

  /**
   * Aligns the columns after the longest span name that fits, puts each span's extra on its line when there is
   * room (else on the line under it), and cuts what is still too long.
   */
  private List<String> layout() {
    int longest = 0;
    for (Row row : rows) {
      if (row.left() != null) {
        longest = Math.max(longest, row.left().length());
      }
    }
    int column = Math.max(1, Math.min(longest, width - META - 2));
    List<String> out = new ArrayList<>(rows.size());
    for (Row row : rows) {
      if (row.left() == null) {
        out.addAll(under(row.underPrefix(), row.text()));
        continue;
      }
      String left = cut(row.left(), column);
      String line = left + " ".repeat(column - left.length()) + "  " + row.meta();
      if (row.extra() == null) {
        out.add(line);
      } else if (line.length() + 2 + row.extra().length() <= width) {
        out.add(line + "  " + row.extra().replace(RunFormats.GLUE, ' '));
      } else {
        out.add(line);
        out.addAll(under(row.underPrefix(), row.extra()));
      }
    }
    return out;
  }

  /** A line under a span, wrapped at spaces, later lines two further in. */
  private List<String> under(String prefix, String text) {
    return RunFormats.wrap(text, prefix, prefix + "  ", width);
  }

  private static String cut(String text, int width) {
    return RunFormats.cut(text, width);
  }

  private static String firstString(Map<String, Object> attributes, String... keys) {
    for (String key : keys) {
      if (attributes.get(key) instanceof String s && !s.isEmpty()) {
        return s;
      }
    }
    return null;
  }

  private static Long firstNumber(Map<String, Object> attributes, String... keys) {
    for (String key : keys) {
      Object value = attributes.get(key);
      if (value instanceof Number n) {
        return n.longValue();
      }
      if (value instanceof String s) {
        try {
          return Long.parseLong(s.strip());
        } catch (NumberFormatException e) {
          // not a count
        }
      }
    }
    return null;
  }
}
