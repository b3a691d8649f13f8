package dev.aegis.client;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.List;

/**
 * The model calls that used one prompt, newest first, and their runs: the answer of {@link Runs#byPromptHash}.
 *
 * @param truncated whether older snapshots were left out; ask for more with a larger limit
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record PromptUsage(String promptHash, List<Snapshot> snapshots, List<Run> runs, boolean truncated) {
  public PromptUsage {
    snapshots = snapshots == null ? List.of() : List.copyOf(snapshots);
    runs = runs == null ? List.of() : List.copyOf(runs);
  }

  /** One model call's prompt snapshot; {@code content} only when the tenant keeps prompt text (redacted). */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Snapshot(
      Instant at, String runId, String traceId, String spanId, String model, String summaryPointer,
      List<String> vectorIndexIds, String content) {}
}
