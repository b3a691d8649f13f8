package dev.aegis.server.query;

import dev.aegis.core.telemetry.PromptSnapshot;
import dev.aegis.core.telemetry.RunEvent;
import dev.aegis.core.telemetry.Span;
import dev.aegis.core.telemetry.SpanEvent;
import dev.aegis.core.telemetry.ToolCall;
import dev.aegis.core.telemetry.Nanos;
import dev.aegis.core.trace.Durations;
import dev.aegis.core.trace.SpanNode;
import dev.aegis.core.trace.SpanTree;
import dev.aegis.core.trace.TimelineType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/v1/runs/{run_id}/trace}: the run's spans as a tree.
 *
 * @param scope {@code run}: this run's spans; {@code trace}: every span of the run's trace, child runs included
 * @param traceId the trace read for scope {@code trace}; for scope {@code run}, the run's (first) trace
 * @param spanCount spans in this answer
 * @param totalSpans spans stored for the scope
 * @param truncated whether spans were left out (the latest ones) to stay within {@code maxSpans}
 * @param roots the top of the tree: see {@link NodeView#link()}
 * @param unattachedEvents control events whose span is not in this tree
 */
record TraceViewReference(
    RunView run,
    String scope,
    String traceId,
    int spanCount,
    long totalSpans,
    boolean truncated,
    int maxSpans,
    List<NodeView> roots,
    List<ControlEventView> unattachedEvents) {

  static TraceViewReference of(RunView run, String scope, String traceId, SpanTree tree, long totalSpans, int maxSpans) {
    List<NodeView> roots = new ArrayList<>(tree.roots().size());
    tree.roots().forEach(r -> roots.add(NodeView.of(r)));
    return new TraceViewReference(run, scope, traceId, tree.spanCount(), totalSpans, totalSpans > tree.spanCount(),
        maxSpans, roots, tree.unattachedEvents().stream().map(ControlEventView::of).toList());
  }

  /**
   * One span of the tree.
   *
   * @param link {@code root} (no parent), {@code child}, or why a span with a parent is at the top: {@code orphan}
   *     (parent not in this answer), {@code continued} (the tree was nesting too deep), {@code cycle} (parent ids
   *     form a loop)
   * @param events the span's own events (exceptions, custom events); {@code aegis.*} events are in
   *     {@code controlEvents}
   */
  record NodeView(
      String spanId,
      String parentSpanId,
      String traceId,
      String runId,
      String name,
      String kind,
      String category,
      Instant start,
      Instant end,
      double durationMs,
      String status,
      String statusMessage,
      String serviceName,
      String link,
      Map<String, Object> attributes,
      List<EventView> events,
      ToolCallView toolCall,
      PromptView prompt,
      List<ControlEventView> controlEvents,
      List<NodeView> children) {

    /** Recurses once per level; {@link SpanTree} bounds the levels. */
    static NodeView of(SpanNode node) {
      Span span = node.span();
      List<EventView> events = new ArrayList<>();
      for (SpanEvent event : span.events()) {
        if (event.name() == null || !event.name().startsWith(RunEvent.PREFIX)) {
          events.add(new EventView(Nanos.toInstant(event.timeUnixNanos()), event.name(), event.attributes()));
        }
      }
      List<NodeView> children = new ArrayList<>(node.children().size());
      node.children().forEach(c -> children.add(of(c)));
      return new NodeView(span.spanId(), span.parentSpanId(), span.traceId(), span.runId(), span.name(),
          span.kind().wireName(), span.category().wireName(), Nanos.toInstant(span.startUnixNanos()),
          Nanos.toInstant(span.endUnixNanos()), Durations.millis(span.durationNanos()), span.status().wireName(),
          span.statusMessage(), span.serviceName(), node.link().wireName(), span.attributes(), events,
          ToolCallView.of(node.toolCall()), PromptView.of(node.prompt()),
          node.controlEvents().stream().map(ControlEventView::of).toList(), children);
    }
  }

  record EventView(Instant at, String name, Map<String, Object> attributes) {}

  /**
   * A state transition, policy decision, approval request or fallback.
   *
   * @param type {@code state_transition}, {@code policy_decision}, {@code approval_requested}, {@code fallback},
   *     or {@code event} for another {@code aegis.*} name
   */
  record ControlEventView(Instant at, String type, String name, String spanId, Map<String, Object> attributes) {
    static ControlEventView of(RunEvent event) {
      return new ControlEventView(event.time(), TimelineType.ofEvent(event.name()).wireName(), event.name(),
          event.spanId(), event.attributes());
    }
  }

  /** The envelope of a tool call: endpoint, status code, latency and cost, request and response metadata. */
  record ToolCallView(
      String tool,
      String toolCallId,
      String endpoint,
      String method,
      Integer statusCode,
      long latencyMs,
      Long costTokens,
      boolean error,
      Map<String, Object> request,
      Map<String, Object> response) {
    static ToolCallView of(ToolCall call) {
      return call == null ? null : new ToolCallView(call.toolName(), call.toolCallId(), call.endpoint(),
          call.method(), call.statusCode(), call.latencyMs(), call.costTokens(), call.error(), call.request(),
          call.response());
    }
  }

  /** The prompt behind a model call: its hash and pointers; content only when the tenant's capture level keeps it. */
  record PromptView(
      String promptHash, String summaryPointer, List<String> vectorIndexIds, String model, String content) {
    static PromptView of(PromptSnapshot prompt) {
      return prompt == null ? null : new PromptView(prompt.promptHash(), prompt.summaryPointer(),
          prompt.vectorIndexIds(), prompt.model(), prompt.content());
    }
  }
}
