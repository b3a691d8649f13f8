package dev.aegis.core.telemetry;

import static dev.aegis.core.telemetry.AttributeNames.HTTP_METHOD;
import static dev.aegis.core.telemetry.AttributeNames.INPUT_TOKENS;
import static dev.aegis.core.telemetry.AttributeNames.OUTPUT_TOKENS;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aegis.core.redact.CaptureLevel;
import dev.aegis.core.redact.ContentCapture;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Classifies spans and takes the tool-call envelope and prompt snapshot out of their (redacted) attributes. */
final class Envelopes {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> LLM_OPERATIONS = Set.of("chat", "text_completion", "generate_content", "embeddings");
  private static final Set<String> AGENT_OPERATIONS = Set.of("invoke_agent", "create_agent", "invoke_workflow");
  private static final Set<String> ENVELOPE_KEYS = Set.of("http.request.method", "http.method",
      "http.response.status_code", "http.status_code");

  private Envelopes() {}

  static SpanCategory classify(SpanKind kind, Map<String, Object> a) {
    String operation = Attributes.string(a, AttributeNames.OPERATION);
    if ("execute_tool".equals(operation)) {
      return SpanCategory.TOOL;
    }
    if (operation != null && AGENT_OPERATIONS.contains(operation)) {
      return SpanCategory.AGENT;
    }
    if (operation != null && LLM_OPERATIONS.contains(operation)) {
      return SpanCategory.LLM;
    }
    if (has(a, AttributeNames.TOOL_NAME)) {
      return SpanCategory.TOOL;
    }
    if (has(a, List.of("gen_ai.request.model", "gen_ai.response.model")) || has(a, INPUT_TOKENS)
        || has(a, OUTPUT_TOKENS)) {
      return SpanCategory.LLM;
    }
    if (has(a, AttributeNames.AGENT_ID) || has(a, AttributeNames.AGENT_NAME) || has(a, AttributeNames.RUN_ID)) {
      return SpanCategory.AGENT;
    }
    if (has(a, List.of("model.name"))) {
      return SpanCategory.LLM;
    }
    if (kind == SpanKind.CLIENT && has(a, HTTP_METHOD)) {
      return SpanCategory.TOOL;
    }
    return SpanCategory.OTHER;
  }

  static ToolCall toolCall(Span span) {
    Map<String, Object> a = span.attributes();
    String endpoint = Attributes.firstString(a, AttributeNames.URL.toArray(String[]::new));
    String address = Attributes.string(a, AttributeNames.SERVER_ADDRESS);
    String path = Attributes.firstString(a, AttributeNames.URL_PATH.toArray(String[]::new));
    if (endpoint == null && address != null) {
      Long port = Attributes.number(a, AttributeNames.SERVER_PORT);
      endpoint = address + (port == null ? "" : ":" + port) + (path == null ? "" : path);
    } else if (endpoint == null) {
      endpoint = path;
    }
    String toolName = Attributes.firstString(a, AttributeNames.TOOL_NAME.toArray(String[]::new));
    if (toolName == null) {
      toolName = address != null ? address : span.name();
    }
    Long status = Attributes.firstNumber(a, AttributeNames.STATUS_CODE.toArray(String[]::new));
    Integer statusCode = status == null || status < Integer.MIN_VALUE || status > Integer.MAX_VALUE
        ? null : status.intValue();
    Long latency = Attributes.number(a, AttributeNames.LATENCY_MS);
    long latencyMs = latency != null && latency >= 0 ? latency : span.durationNanos() / 1_000_000L;
    Long cost = Attributes.number(a, AttributeNames.COST_TOKENS);
    if (cost == null) {
      Long in = Attributes.firstNumber(a, INPUT_TOKENS.toArray(String[]::new));
      Long out = Attributes.firstNumber(a, OUTPUT_TOKENS.toArray(String[]::new));
      cost = in == null && out == null ? null : (in == null ? 0 : in) + (out == null ? 0 : out);
    }
    boolean error = span.status() == SpanStatus.ERROR || a.get(AttributeNames.ERROR_TYPE) != null
        || (statusCode != null && statusCode >= 400);
    return new ToolCall(span.tenantId(), span.runId(), span.traceId(), span.spanId(), toolName,
        Attributes.firstString(a, AttributeNames.TOOL_CALL_ID.toArray(String[]::new)), endpoint,
        Attributes.firstString(a, HTTP_METHOD.toArray(String[]::new)), statusCode, latencyMs, cost, error,
        withPrefixes(a, AttributeNames.TOOL_REQUEST_PREFIXES), withPrefixes(a, AttributeNames.TOOL_RESPONSE_PREFIXES),
        Nanos.toInstant(span.startUnixNanos()));
  }

  /**
   * The prompt snapshot of a span that carries a prompt hash, a summary pointer, vector index ids or prompt
   * content; else null. Content is kept only at capture levels {@code redacted} and {@code full}, as the redactor
   * captured it.
   */
  static PromptSnapshot promptSnapshot(Span span, ContentCapture captured) {
    Map<String, Object> a = span.attributes();
    String hash = Attributes.firstString(a, AttributeNames.PROMPT_HASH.toArray(String[]::new));
    String pointer = Attributes.firstString(a, AttributeNames.SUMMARY_POINTER.toArray(String[]::new));
    List<String> vectors = AttributeNames.VECTOR_INDEX_IDS.stream()
        .map(k -> Attributes.strings(a, k)).filter(l -> !l.isEmpty()).findFirst().orElse(List.of());
    if (hash == null && pointer == null && vectors.isEmpty() && captured == null) {
      return null;
    }
    String content = null;
    if (captured != null) {
      hash = hash != null ? hash : captured.hash();
      boolean keepsText = captured.level() == CaptureLevel.REDACTED || captured.level() == CaptureLevel.FULL;
      content = keepsText ? captured.text() : null;
    }
    return new PromptSnapshot(span.tenantId(), span.runId(), span.traceId(), span.spanId(), hash, pointer, vectors,
        Attributes.firstString(a, AttributeNames.REQUEST_MODEL.toArray(String[]::new)), content,
        Nanos.toInstant(span.startUnixNanos()));
  }

  /** The raw prompt content of a span's attributes, before redaction, or null when it has none. */
  static String promptContent(Map<String, Object> raw) {
    StringBuilder out = null;
    for (String key : AttributeNames.PROMPT_CONTENT) {
      Object value = raw.get(key);
      if (value == null) {
        continue;
      }
      String text = value instanceof String s ? s : json(value);
      out = out == null ? new StringBuilder(text) : out.append('\n').append(text);
    }
    return out == null ? null : out.toString();
  }

  private static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      return String.valueOf(value);
    }
  }

  private static Map<String, Object> withPrefixes(Map<String, Object> a, List<String> prefixes) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : a.entrySet()) {
      String key = e.getKey();
      if (startsWithAny(key, prefixes) && !ENVELOPE_KEYS.contains(key)) {
        out.put(key, e.getValue());
      }
    }
    return out.isEmpty() ? Map.of() : Collections.unmodifiableMap(out); // so that ToolCall takes it uncopied
  }

  private static boolean startsWithAny(String key, List<String> prefixes) {
    for (int i = 0; i < prefixes.size(); i++) {
      if (key.startsWith(prefixes.get(i))) {
        return true;
      }
    }
    return false;
  }

  private static boolean has(Map<String, Object> a, List<String> keys) {
    for (String key : keys) {
      Object value = a.get(key);
      if (value != null && !(value instanceof String s && s.isEmpty())) {
        return true;
      }
    }
    return false;
  }
}
