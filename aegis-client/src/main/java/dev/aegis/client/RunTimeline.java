package dev.aegis.client;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Everything that happened in a run, earliest first: the answer of {@link Runs#timeline}. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record RunTimeline(
    String runId, String scope, String traceId, int spanCount, long totalSpans, boolean truncated,
    List<Entry> entries) {
  public RunTimeline {
    entries = entries == null ? List.of() : List.copyOf(entries);
  }

  /**
   * One thing that happened, at one moment.
   *
   * @param type {@code span_start}, {@code span_end}, {@code tool_call}, {@code llm_call}, {@code state_transition},
   *     {@code policy_decision}, {@code approval_requested}, {@code fallback}, {@code error} or {@code event}
   * @param summary one line for people
   * @param details the fields behind the summary
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Entry(
      Instant at, String type, String runId, String spanId, String name, String summary,
      Map<String, Object> details) {}
}
