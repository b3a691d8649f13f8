package dev.aegis.core.trace;

import dev.aegis.core.telemetry.AttributeNames;
import dev.aegis.core.telemetry.Attributes;
import dev.aegis.core.telemetry.Nanos;
import dev.aegis.core.telemetry.PromptSnapshot;
import dev.aegis.core.telemetry.RunEvent;
import dev.aegis.core.telemetry.Span;
import dev.aegis.core.telemetry.SpanCategory;
import dev.aegis.core.telemetry.SpanEvent;
import dev.aegis.core.telemetry.SpanKey;
import dev.aegis.core.telemetry.SpanStatus;
import dev.aegis.core.telemetry.ToolCall;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A run's spans, envelopes and events as one chronological list: each span's start (as a tool call, a model call
 * or a plain start) and end (or error), its events, and the run's control events. Ties in time keep starts before
 * events before ends, then the order spans were read in.
 */
public final class Timeline {
  private static final int START = 0;
  private static final int DURING = 1;
  private static final int END = 2;

  private Timeline() {}

  /**
   * The entries, earliest first.
   *
   * @param spans the spans, by start time
   * @param events the run's control events; span events whose name starts with {@code aegis.} are taken from here,
   *     not from the spans, so that each appears once
   */
  public static List<TimelineEntry> of(List<Span> spans, List<ToolCall> toolCalls, List<PromptSnapshot> prompts,
      List<RunEvent> events) {
    Map<SpanKey, ToolCall> tools = HashMap.newHashMap(toolCalls.size());
    toolCalls.forEach(t -> tools.putIfAbsent(new SpanKey(t.traceId(), t.spanId()), t));
    Map<SpanKey, PromptSnapshot> snapshots = HashMap.newHashMap(prompts.size());
    prompts.forEach(p -> snapshots.putIfAbsent(new SpanKey(p.traceId(), p.spanId()), p));

    List<Sortable> out = new ArrayList<>(spans.size() * 2 + events.size());
    for (Span span : spans) {
      ToolCall tool = tools.get(span.key());
      out.add(new Sortable(span.startUnixNanos(), START, out.size(), start(span, tool, snapshots.get(span.key()))));
      for (SpanEvent event : span.events()) {
        if (event.name() == null || !event.name().startsWith(RunEvent.PREFIX)) {
          out.add(new Sortable(event.timeUnixNanos(), DURING, out.size(), spanEvent(span, event)));
        }
      }
      out.add(new Sortable(span.endUnixNanos(), END, out.size(), end(span, tool)));
    }
    for (RunEvent event : events) {
      out.add(new Sortable(Nanos.of(event.time()), DURING, out.size(), control(event)));
    }
    out.sort(Sortable.ORDER);
    List<TimelineEntry> entries = new ArrayList<>(out.size());
    out.forEach(s -> entries.add(s.entry()));
    return entries;
  }

  private record Sortable(long at, int rank, int order, TimelineEntry entry) {
    /** Time, then rank, then the order read; in one comparison, since tens of thousands of entries are sorted. */
    static final Comparator<Sortable> ORDER = (a, b) -> a.at != b.at ? Long.compare(a.at, b.at)
        : a.rank != b.rank ? Integer.compare(a.rank, b.rank) : Integer.compare(a.order, b.order);
  }

  private static TimelineEntry start(Span span, ToolCall tool, PromptSnapshot prompt) {
    Map<String, Object> details = new LinkedHashMap<>();
    if (tool != null || span.category() == SpanCategory.TOOL) {
      String summary = tool == null ? span.name() : toolSummary(tool);
      if (tool != null) {
        put(details, "tool", tool.toolName());
        put(details, "method", tool.method());
        put(details, "endpoint", tool.endpoint());
        put(details, "status_code", tool.statusCode());
        put(details, "latency_ms", tool.latencyMs());
        put(details, "cost_tokens", tool.costTokens());
        put(details, "error", tool.error());
        put(details, "tool_call_id", tool.toolCallId());
      }
      return entry(span, TimelineType.TOOL_CALL, span.startUnixNanos(), span.name(), summary, details);
    }
    if (span.category() == SpanCategory.LLM) {
      Map<String, Object> a = span.attributes();
      String model = Attributes.firstString(a, AttributeNames.MODEL.toArray(String[]::new));
      if (model == null && prompt != null) {
        model = prompt.model();
      }
      Long in = Attributes.firstNumber(a, AttributeNames.INPUT_TOKENS.toArray(String[]::new));
      Long out = Attributes.firstNumber(a, AttributeNames.OUTPUT_TOKENS.toArray(String[]::new));
      put(details, "model", model);
      put(details, "input_tokens", in);
      put(details, "output_tokens", out);
      put(details, "prompt_hash", prompt == null ? null : prompt.promptHash());
      StringBuilder summary = new StringBuilder(span.name());
      if (model != null && !span.name().contains(model)) {
        summary.append(" (").append(model).append(')');
      }
      if (in != null || out != null) {
        summary.append(": ").append(in == null ? "?" : in).append(" in / ").append(out == null ? "?" : out)
            .append(" out tokens");
      }
      return entry(span, TimelineType.LLM_CALL, span.startUnixNanos(), span.name(), summary.toString(), details);
    }
    put(details, "category", span.category().wireName());
    put(details, "kind", span.kind().wireName());
    return entry(span, TimelineType.SPAN_START, span.startUnixNanos(), span.name(), span.name() + " started",
        details);
  }

  private static TimelineEntry end(Span span, ToolCall tool) {
    Map<String, Object> details = new LinkedHashMap<>();
    put(details, "status", span.status().wireName());
    put(details, "duration_ms", Durations.millis(span.durationNanos()));
    String errorType = Attributes.string(span.attributes(), AttributeNames.ERROR_TYPE);
    boolean failed = span.status() == SpanStatus.ERROR || errorType != null || (tool != null && tool.error());
    String took = Durations.format(span.durationNanos());
    if (!failed) {
      String how = span.status() == SpanStatus.OK ? " ended ok after " : " ended after ";
      return entry(span, TimelineType.SPAN_END, span.endUnixNanos(), span.name(), span.name() + how + took,
          details);
    }
    put(details, "status_message", span.statusMessage());
    put(details, "error_type", errorType);
    if (tool != null) {
      put(details, "status_code", tool.statusCode());
    }
    StringBuilder summary = new StringBuilder(span.name()).append(" failed after ").append(took);
    String reason = span.statusMessage() != null ? span.statusMessage() : errorType;
    if (tool != null && tool.statusCode() != null) {
      summary.append(" with ").append(tool.statusCode());
    }
    if (reason != null) {
      summary.append(": ").append(reason);
    }
    return entry(span, TimelineType.ERROR, span.endUnixNanos(), span.name(), summary.toString(), details);
  }

  private static TimelineEntry spanEvent(Span span, SpanEvent event) {
    TimelineType type = TimelineType.ofEvent(event.name());
    String summary;
    if (type == TimelineType.ERROR) {
      String kind = Attributes.string(event.attributes(), "exception.type");
      String message = Attributes.string(event.attributes(), "exception.message");
      summary = "exception in " + span.name() + (kind == null ? "" : ": " + kind)
          + (message == null ? "" : (kind == null ? ": " : " ") + message);
    } else {
      summary = event.name() + " in " + span.name();
    }
    return new TimelineEntry(Nanos.toInstant(event.timeUnixNanos()), type, span.runId(), span.traceId(),
        span.spanId(), event.name(), summary, event.attributes());
  }

  private static TimelineEntry control(RunEvent event) {
    TimelineType type = TimelineType.ofEvent(event.name());
    Map<String, Object> a = event.attributes();
    String summary = switch (type) {
      case STATE_TRANSITION -> "state " + change(a, "from", "to", "from_state", "to_state", "state");
      case FALLBACK -> "fallback " + change(a, "from", "to", "from_model", "to_model", "fallback");
      case POLICY_DECISION -> "policy decision: "
          + or(Attributes.firstString(a, "outcome", "decision"), "?")
          + suffix(Attributes.firstString(a, "action", "capability"), " for ")
          + suffix(Attributes.firstString(a, "policy", "policy_id", "policy.id"), " by ")
          + suffix(Attributes.firstString(a, "reason"), ": ");
      case APPROVAL_REQUESTED -> "approval requested"
          + suffix(Attributes.firstString(a, "action", "capability"), " for ")
          + suffix(Attributes.firstString(a, "approver", "ladder", "level"), " from ")
          + suffix(Attributes.firstString(a, "reason"), ": ");
      default -> event.name();
    };
    return new TimelineEntry(event.time(), type, event.runId(), event.traceId(), event.spanId(), event.name(),
        summary, a);
  }

  private static String change(Map<String, Object> a, String from, String to, String fromAlt, String toAlt,
      String fallback) {
    String before = Attributes.firstString(a, from, fromAlt);
    String after = Attributes.firstString(a, to, toAlt);
    String reason = Attributes.string(a, "reason");
    String text = before == null && after == null ? "changed" : or(before, "?") + " -> " + or(after, "?");
    return text + suffix(reason, " (") + (reason == null ? "" : ")");
  }

  static String toolSummary(ToolCall tool) {
    StringBuilder out = new StringBuilder(tool.toolName());
    if (tool.method() != null) {
      out.append(' ').append(tool.method());
    }
    if (tool.endpoint() != null && !tool.endpoint().equals(tool.toolName())) {
      out.append(' ').append(tool.endpoint());
    }
    if (tool.statusCode() != null) {
      out.append(" -> ").append(tool.statusCode());
    }
    return out.append(" in ").append(tool.latencyMs()).append(" ms").toString();
  }

  private static TimelineEntry entry(Span span, TimelineType type, long at, String name, String summary,
      Map<String, Object> details) {
    return new TimelineEntry(Nanos.toInstant(at), type, span.runId(), span.traceId(), span.spanId(), name, summary,
        details);
  }

  private static void put(Map<String, Object> details, String key, Object value) {
    if (value != null) {
      details.put(key, value);
    }
  }

  private static String or(String value, String fallback) {
    return value == null ? fallback : value;
  }

  private static String suffix(String value, String before) {
    return value == null ? "" : before + value;
  }
}
