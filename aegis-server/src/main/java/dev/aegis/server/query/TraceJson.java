package dev.aegis.server.query;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.aegis.core.telemetry.JsonMap;
import dev.aegis.core.telemetry.PromptSnapshot;
import dev.aegis.core.telemetry.Run;
import dev.aegis.core.telemetry.RunEvent;
import dev.aegis.core.telemetry.Span;
import dev.aegis.core.telemetry.SpanCategory;
import dev.aegis.core.telemetry.SpanEvent;
import dev.aegis.core.telemetry.SpanKind;
import dev.aegis.core.telemetry.SpanStatus;
import dev.aegis.core.telemetry.ToolCall;
import dev.aegis.core.trace.Durations;
import dev.aegis.core.trace.SpanNode;
import dev.aegis.core.trace.SpanTree;
import dev.aegis.core.trace.TimelineType;
import dev.aegis.server.http.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;

/**
 * Writes the answer of {@code GET /api/v1/runs/{run_id}/trace} (docs/api.md, "The span tree") straight to the
 * response as the tree is walked: no view object per span, field names encoded once, stored attribute JSON copied
 * through as it is ({@link JsonMap}), times formatted without a formatter. A 10,000-span answer is some 16 MB, and
 * building it as objects, then as one string, cost more than reading it.
 *
 * <p>The document: {@code run}, {@code scope}, {@code trace_id}, {@code span_count}, {@code total_spans},
 * {@code truncated}, {@code max_spans}, {@code roots} (nodes, each with its {@code children}) and
 * {@code unattached_events}. Public for the benchmarks in aegis-bench; the route is its user.
 */
public final class TraceJson {
  private static final SerializableString RUN = name("run");
  private static final SerializableString SCOPE = name("scope");
  private static final SerializableString TRACE_ID = name("trace_id");
  private static final SerializableString SPAN_COUNT = name("span_count");
  private static final SerializableString TOTAL_SPANS = name("total_spans");
  private static final SerializableString TRUNCATED = name("truncated");
  private static final SerializableString MAX_SPANS = name("max_spans");
  private static final SerializableString ROOTS = name("roots");
  private static final SerializableString UNATTACHED_EVENTS = name("unattached_events");
  private static final SerializableString SPAN_ID = name("span_id");
  private static final SerializableString PARENT_SPAN_ID = name("parent_span_id");
  private static final SerializableString RUN_ID = name("run_id");
  private static final SerializableString NAME = name("name");
  private static final SerializableString KIND = name("kind");
  private static final SerializableString CATEGORY = name("category");
  private static final SerializableString START = name("start");
  private static final SerializableString END = name("end");
  private static final SerializableString DURATION_MS = name("duration_ms");
  private static final SerializableString STATUS = name("status");
  private static final SerializableString STATUS_MESSAGE = name("status_message");
  private static final SerializableString SERVICE_NAME = name("service_name");
  private static final SerializableString LINK = name("link");
  private static final SerializableString ATTRIBUTES = name("attributes");
  private static final SerializableString EVENTS = name("events");
  private static final SerializableString TOOL_CALL = name("tool_call");
  private static final SerializableString PROMPT = name("prompt");
  private static final SerializableString CONTROL_EVENTS = name("control_events");
  private static final SerializableString CHILDREN = name("children");
  private static final SerializableString AT = name("at");
  private static final SerializableString TYPE = name("type");
  private static final SerializableString TOOL = name("tool");
  private static final SerializableString TOOL_CALL_ID = name("tool_call_id");
  private static final SerializableString ENDPOINT = name("endpoint");
  private static final SerializableString METHOD = name("method");
  private static final SerializableString STATUS_CODE = name("status_code");
  private static final SerializableString LATENCY_MS = name("latency_ms");
  private static final SerializableString COST_TOKENS = name("cost_tokens");
  private static final SerializableString ERROR = name("error");
  private static final SerializableString REQUEST = name("request");
  private static final SerializableString RESPONSE = name("response");
  private static final SerializableString PROMPT_HASH = name("prompt_hash");
  private static final SerializableString SUMMARY_POINTER = name("summary_pointer");
  private static final SerializableString VECTOR_INDEX_IDS = name("vector_index_ids");
  private static final SerializableString MODEL = name("model");
  private static final SerializableString CONTENT = name("content");

  private static final SerializableString[] KINDS = wireNames(SpanKind.values());
  private static final SerializableString[] CATEGORIES = wireNames(SpanCategory.values());
  private static final SerializableString[] STATUSES = wireNames(SpanStatus.values());
  private static final SerializableString[] LINKS = wireNames(SpanNode.Link.values());

  private final ObjectMapper mapper;
  private final ObjectWriter values;

  /** With the API's JSON mapping ({@link dev.aegis.server.http.Json#newMapper()}). */
  public TraceJson() {
    this(Json.newMapper());
  }

  /** @param mapper the API's mapping, for the run summary and attribute maps that are not stored text */
  TraceJson(ObjectMapper mapper) {
    this.mapper = mapper;
    // one flush at the end, not one per value written through the mapping
    this.values = mapper.writer().without(SerializationFeature.FLUSH_AFTER_WRITE_VALUE);
  }

  /**
   * Writes the whole answer and flushes it; does not close the stream.
   *
   * @param scope {@code run} or {@code trace}
   * @param totalSpans how many spans the scope has in the store
   * @param maxSpans the cap on spans in one answer
   */
  public void write(OutputStream out, Run run, String scope, String traceId, SpanTree tree, long totalSpans,
      int maxSpans) throws IOException {
    write(out, RunView.of(run), scope, traceId, tree, totalSpans, maxSpans);
  }

  void write(OutputStream out, RunView run, String scope, String traceId, SpanTree tree, long totalSpans,
      int maxSpans) throws IOException {
    try (JsonGenerator gen = mapper.createGenerator(out)) {
      gen.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      gen.writeStartObject();
      gen.writeFieldName(RUN);
      values.writeValue(gen, run);
      gen.writeFieldName(SCOPE);
      gen.writeString(scope);
      gen.writeFieldName(TRACE_ID);
      gen.writeString(traceId);
      gen.writeFieldName(SPAN_COUNT);
      gen.writeNumber(tree.spanCount());
      gen.writeFieldName(TOTAL_SPANS);
      gen.writeNumber(totalSpans);
      gen.writeFieldName(TRUNCATED);
      gen.writeBoolean(totalSpans > tree.spanCount());
      gen.writeFieldName(MAX_SPANS);
      gen.writeNumber(maxSpans);
      Answer answer = new Answer(gen);
      gen.writeFieldName(ROOTS);
      gen.writeStartArray();
      for (SpanNode root : tree.roots()) {
        answer.node(root);
      }
      gen.writeEndArray();
      gen.writeFieldName(UNATTACHED_EVENTS);
      answer.controlEvents(tree.unattachedEvents());
      gen.writeEndObject();
    }
  }

  /** The writing of one answer: its generator and its time buffer. */
  private final class Answer {
    private final JsonGenerator gen;
    private final ApiTimes times = new ApiTimes();

    Answer(JsonGenerator gen) {
      this.gen = gen;
    }

    /** Recurses once per level; {@link SpanTree} bounds the levels. */
    void node(SpanNode node) throws IOException {
      Span span = node.span();
      gen.writeStartObject();
      gen.writeFieldName(SPAN_ID);
      gen.writeString(span.spanId());
      gen.writeFieldName(PARENT_SPAN_ID);
      gen.writeString(span.parentSpanId());
      gen.writeFieldName(TRACE_ID);
      gen.writeString(span.traceId());
      gen.writeFieldName(RUN_ID);
      gen.writeString(span.runId());
      gen.writeFieldName(NAME);
      gen.writeString(span.name());
      gen.writeFieldName(KIND);
      gen.writeString(KINDS[span.kind().ordinal()]);
      gen.writeFieldName(CATEGORY);
      gen.writeString(CATEGORIES[span.category().ordinal()]);
      gen.writeFieldName(START);
      times.write(gen, span.startUnixNanos());
      gen.writeFieldName(END);
      times.write(gen, span.endUnixNanos());
      gen.writeFieldName(DURATION_MS);
      gen.writeNumber(Durations.millis(span.durationNanos()));
      gen.writeFieldName(STATUS);
      gen.writeString(STATUSES[span.status().ordinal()]);
      gen.writeFieldName(STATUS_MESSAGE);
      gen.writeString(span.statusMessage());
      gen.writeFieldName(SERVICE_NAME);
      gen.writeString(span.serviceName());
      gen.writeFieldName(LINK);
      gen.writeString(LINKS[node.link().ordinal()]);
      gen.writeFieldName(ATTRIBUTES);
      attributes(span.attributes());
      gen.writeFieldName(EVENTS);
      gen.writeStartArray();
      for (SpanEvent event : span.events()) {
        // aegis.* events are in control_events
        if (event.name() == null || !event.name().startsWith(RunEvent.PREFIX)) {
          gen.writeStartObject();
          gen.writeFieldName(AT);
          times.write(gen, event.timeUnixNanos());
          gen.writeFieldName(NAME);
          gen.writeString(event.name());
          gen.writeFieldName(ATTRIBUTES);
          attributes(event.attributes());
          gen.writeEndObject();
        }
      }
      gen.writeEndArray();
      gen.writeFieldName(TOOL_CALL);
      toolCall(node.toolCall());
      gen.writeFieldName(PROMPT);
      prompt(node.prompt());
      gen.writeFieldName(CONTROL_EVENTS);
      controlEvents(node.controlEvents());
      gen.writeFieldName(CHILDREN);
      gen.writeStartArray();
      for (SpanNode child : node.children()) {
        node(child);
      }
      gen.writeEndArray();
      gen.writeEndObject();
    }

    void toolCall(ToolCall call) throws IOException {
      if (call == null) {
        gen.writeNull();
        return;
      }
      gen.writeStartObject();
      gen.writeFieldName(TOOL);
      gen.writeString(call.toolName());
      gen.writeFieldName(TOOL_CALL_ID);
      gen.writeString(call.toolCallId());
      gen.writeFieldName(ENDPOINT);
      gen.writeString(call.endpoint());
      gen.writeFieldName(METHOD);
      gen.writeString(call.method());
      gen.writeFieldName(STATUS_CODE);
      if (call.statusCode() == null) {
        gen.writeNull();
      } else {
        gen.writeNumber(call.statusCode());
      }
      gen.writeFieldName(LATENCY_MS);
      gen.writeNumber(call.latencyMs());
      gen.writeFieldName(COST_TOKENS);
      if (call.costTokens() == null) {
        gen.writeNull();
      } else {
        gen.writeNumber(call.costTokens());
      }
      gen.writeFieldName(ERROR);
      gen.writeBoolean(call.error());
      gen.writeFieldName(REQUEST);
      attributes(call.request());
      gen.writeFieldName(RESPONSE);
      attributes(call.response());
      gen.writeEndObject();
    }

    void prompt(PromptSnapshot prompt) throws IOException {
      if (prompt == null) {
        gen.writeNull();
        return;
      }
      gen.writeStartObject();
      gen.writeFieldName(PROMPT_HASH);
      gen.writeString(prompt.promptHash());
      gen.writeFieldName(SUMMARY_POINTER);
      gen.writeString(prompt.summaryPointer());
      gen.writeFieldName(VECTOR_INDEX_IDS);
      gen.writeStartArray();
      for (String id : prompt.vectorIndexIds()) {
        gen.writeString(id);
      }
      gen.writeEndArray();
      gen.writeFieldName(MODEL);
      gen.writeString(prompt.model());
      gen.writeFieldName(CONTENT);
      gen.writeString(prompt.content());
      gen.writeEndObject();
    }

    /** State transitions, policy decisions, approval requests and fallbacks. */
    void controlEvents(List<RunEvent> events) throws IOException {
      gen.writeStartArray();
      for (RunEvent event : events) {
        gen.writeStartObject();
        gen.writeFieldName(AT);
        times.write(gen, event.time());
        gen.writeFieldName(TYPE);
        gen.writeString(TimelineType.ofEvent(event.name()).wireName());
        gen.writeFieldName(NAME);
        gen.writeString(event.name());
        gen.writeFieldName(SPAN_ID);
        gen.writeString(event.spanId());
        gen.writeFieldName(ATTRIBUTES);
        attributes(event.attributes());
        gen.writeEndObject();
      }
      gen.writeEndArray();
    }

    /** Stored text as it is; any other map through the API's mapping. */
    void attributes(Map<String, Object> attributes) throws IOException {
      if (attributes instanceof JsonMap stored) {
        gen.writeRawValue(stored.raw());
      } else {
        values.writeValue(gen, attributes);
      }
    }
  }

  private static SerializableString name(String text) {
    return new SerializedString(text);
  }

  private static SerializableString[] wireNames(Enum<?>[] values) {
    SerializableString[] names = new SerializableString[values.length];
    for (Enum<?> value : values) {
      names[value.ordinal()] = name(value.name().toLowerCase(java.util.Locale.ROOT));
    }
    return names;
  }
}
