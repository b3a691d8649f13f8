package dev.aegis.core.telemetry;

import java.time.Instant;
import java.util.List;

/**
 * What is kept of the prompt behind one model call: its hash and pointers, and its content only when the tenant's
 * capture level allows it (then redacted).
 *
 * @param promptHash {@code prompt.hash} as the agent sent it, else {@code sha256:<hex>} of the raw content, or null
 * @param summaryPointer {@code prompt.summary_pointer}: where the agent keeps the summary it used, or null
 * @param vectorIndexIds {@code vector.index_ids}: the retrieval index entries it used
 * @param model the model it was sent to, or null
 * @param content the prompt and message content at capture level {@code redacted} or {@code full}, redacted; else
 *     null
 * @param at when the call started
 */
public record PromptSnapshot(
    String tenantId,
    String runId,
    String traceId,
    String spanId,
    String promptHash,
    String summaryPointer,
    List<String> vectorIndexIds,
    String model,
    String content,
    Instant at) {
  public PromptSnapshot {
    vectorIndexIds = vectorIndexIds == null ? List.of() : List.copyOf(vectorIndexIds);
  }
}
