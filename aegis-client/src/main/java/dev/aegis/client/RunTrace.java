package dev.aegis.client;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A run's spans as a tree, annotated with tool calls, prompt snapshots and control events: the answer of
 * {@link Runs#trace}.
 *
 * @param scope {@code run} (the run's spans) or {@code trace} (every span of its trace)
 * @param spanCount spans in this answer
 * @param totalSpans spans stored for the scope
 * @param truncated whether the latest spans were left out to stay within {@code maxSpans}
 * @param roots the top of the tree; see {@link Node#link()}
 * @param unattachedEvents control events whose span is not in the tree
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record RunTrace(
    Run run,
    String scope,
    String traceId,
    int spanCount,
    long totalSpans,
    boolean truncated,
    int maxSpans,
    List<Node> roots,
    List<ControlEvent> unattachedEvents) {
  public RunTrace {
    roots = roots == null ? List.of() : List.copyOf(roots);
    unattachedEvents = unattachedEvents == null ? List.of() : List.copyOf(unattachedEvents);
  }

  /**
   * One span.
   *
   * @param category {@code agent}, {@code llm}, {@code tool} or {@code other}
   * @param status {@code unset}, {@code ok} or {@code error}
   * @param link {@code root}, {@code child}, or why a span with a parent is at the top: {@code orphan} (its parent
   *     is not in this answer), {@code continued} (the tree nests at most 100 levels), {@code cycle}
   * @param attributes the span's attributes, as stored: redacted
   * @param events its own events (exceptions and the like)
   * @param toolCall its tool-call envelope, or null
   * @param prompt its prompt snapshot, or null
   * @param controlEvents its state transitions, policy decisions, approval requests and fallbacks
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Node(
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
      List<SpanEvent> events,
      ToolCall toolCall,
      Prompt prompt,
      List<ControlEvent> controlEvents,
      List<Node> children) {
    public Node {
      attributes = attributes == null ? Map.of() : attributes;
      events = events == null ? List.of() : List.copyOf(events);
      controlEvents = controlEvents == null ? List.of() : List.copyOf(controlEvents);
      children = children == null ? List.of() : List.copyOf(children);
    }

    public boolean failed() {
      return "error".equals(status) || (toolCall != null && toolCall.error());
    }
  }

  /** An event of the span itself, such as an exception. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record SpanEvent(Instant at, String name, Map<String, Object> attributes) {}

  /**
   * A state transition, policy decision, approval request or fallback of a run.
   *
   * @param type {@code state_transition}, {@code policy_decision}, {@code approval_requested}, {@code fallback} or
   *     {@code event} for another {@code aegis.*} name
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record ControlEvent(Instant at, String type, String name, String spanId, Map<String, Object> attributes) {}

  /** The envelope of one tool or external call. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record ToolCall(
      String tool,
      String toolCallId,
      String endpoint,
      String method,
      Integer statusCode,
      long latencyMs,
      Long costTokens,
      boolean error,
      Map<String, Object> request,
      Map<String, Object> response) {}

  /** The prompt behind a model call: hash and pointers; content only when the tenant's capture level keeps it. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Prompt(
      String promptHash, String summaryPointer, List<String> vectorIndexIds, String model, String content) {}
}
