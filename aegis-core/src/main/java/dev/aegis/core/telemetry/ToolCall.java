package dev.aegis.core.telemetry;

import java.time.Instant;
import java.util.Map;

/**
 * The envelope of one tool or external call, taken from a span of category {@link SpanCategory#TOOL}.
 *
 * @param toolName {@code gen_ai.tool.name}, else the server address, else the span name
 * @param toolCallId {@code gen_ai.tool.call.id}, or null
 * @param endpoint {@code url.full}, else the server address and path or route, or null
 * @param method the HTTP method, or null
 * @param statusCode the HTTP (or tool) status code, or null
 * @param latencyMs the span's duration in milliseconds
 * @param costTokens {@code cost_tokens}, else the span's input plus output tokens, or null
 * @param error whether it failed: span status error, an {@code error.type}, or a status code of 400 or more
 * @param request request metadata ({@code http.request.*}, {@code url.*}, arguments), redacted
 * @param response response metadata ({@code http.response.*}, result), redacted
 */
public record ToolCall(
    String tenantId,
    String runId,
    String traceId,
    String spanId,
    String toolName,
    String toolCallId,
    String endpoint,
    String method,
    Integer statusCode,
    long latencyMs,
    Long costTokens,
    boolean error,
    Map<String, Object> request,
    Map<String, Object> response,
    Instant startedAt) {
  public ToolCall {
    request = Attributes.copyOf(request);
    response = Attributes.copyOf(response);
  }
}
