package dev.aegis.server.query;

import static dev.aegis.server.query.Utf8Json.ascii;

import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes the answer of {@code GET /api/v1/runs/{run_id}/trace} (docs/api.md, "The span tree") straight to the
 * response as the tree is walked: no view object per span, names and constant values encoded once, stored attribute
 * JSON copied through as it is ({@link JsonMap}), times formatted without a formatter. A 10,000-span answer is some
 * 16 MB; building it as objects, then as one string, cost more than reading it from the database.
 *
 * <p>The document, in this order: {@code run} (as the API writes a run everywhere), {@code scope}, {@code trace_id},
 * {@code span_count}, {@code total_spans}, {@code truncated}, {@code max_spans}, {@code roots} (nodes, each with its
 * {@code children}) and {@code unattached_events}. A test holds it byte for byte to what the API's JSON mapping
 * makes of the same fields. Public for the benchmarks in aegis-bench; the route is its user.
 */
public final class TraceJson {
  private static final byte[] RUN = ascii("{\"run\":");
  private static final byte[] SCOPE = ascii(",\"scope\":");
  private static final byte[] TRACE_ID = ascii(",\"trace_id\":");
  private static final byte[] SPAN_COUNT = ascii(",\"span_count\":");
  private static final byte[] TOTAL_SPANS = ascii(",\"total_spans\":");
  private static final byte[] TRUNCATED = ascii(",\"truncated\":");
  private static final byte[] MAX_SPANS = ascii(",\"max_spans\":");
  private static final byte[] ROOTS = ascii(",\"roots\":[");
  private static final byte[] UNATTACHED_EVENTS = ascii("],\"unattached_events\":");

  private static final byte[] SPAN_ID = ascii("{\"span_id\":");
  private static final byte[] PARENT_SPAN_ID = ascii(",\"parent_span_id\":");
  private static final byte[] RUN_ID = ascii(",\"run_id\":");
  private static final byte[] NAME = ascii(",\"name\":");
  private static final byte[] START = ascii(",\"start\":");
  private static final byte[] END = ascii(",\"end\":");
  private static final byte[] DURATION_MS = ascii(",\"duration_ms\":");
  private static final byte[] STATUS_MESSAGE = ascii(",\"status_message\":");
  private static final byte[] SERVICE_NAME = ascii(",\"service_name\":");
  private static final byte[] ATTRIBUTES = ascii(",\"attributes\":");
  private static final byte[] EVENTS = ascii(",\"events\":[");
  private static final byte[] TOOL_CALL = ascii("],\"tool_call\":");
  private static final byte[] PROMPT = ascii(",\"prompt\":");
  private static final byte[] CONTROL_EVENTS = ascii(",\"control_events\":");
  private static final byte[] CHILDREN = ascii(",\"children\":[");
  private static final byte[] EVENT_AT = ascii("{\"at\":");
  private static final byte[] TYPE = ascii(",\"type\":");
  private static final byte[] EVENT_SPAN_ID = ascii(",\"span_id\":");
  private static final byte[] TOOL = ascii("{\"tool\":");
  private static final byte[] TOOL_CALL_ID = ascii(",\"tool_call_id\":");
  private static final byte[] ENDPOINT = ascii(",\"endpoint\":");
  private static final byte[] METHOD = ascii(",\"method\":");
  private static final byte[] STATUS_CODE = ascii(",\"status_code\":");
  private static final byte[] LATENCY_MS = ascii(",\"latency_ms\":");
  private static final byte[] COST_TOKENS = ascii(",\"cost_tokens\":");
  private static final byte[] ERROR = ascii(",\"error\":");
  private static final byte[] REQUEST = ascii(",\"request\":");
  private static final byte[] RESPONSE = ascii(",\"response\":");
  private static final byte[] PROMPT_HASH = ascii("{\"prompt_hash\":");
  private static final byte[] SUMMARY_POINTER = ascii(",\"summary_pointer\":");
  private static final byte[] VECTOR_INDEX_IDS = ascii(",\"vector_index_ids\":[");
  private static final byte[] MODEL = ascii("],\"model\":");
  private static final byte[] CONTENT = ascii(",\"content\":");

  /** {@code ,"kind":"client"} and the like: the field and its value in one piece. */
  private static final byte[][] KINDS = fields("kind", SpanKind.values());
  private static final byte[][] CATEGORIES = fields("category", SpanCategory.values());
  private static final byte[][] STATUSES = fields("status", SpanStatus.values());
  private static final byte[][] LINKS = fields("link", SpanNode.Link.values());

  private final ObjectMapper mapper;

  /** With the API's JSON mapping ({@link Json#newMapper()}). */
  public TraceJson() {
    this(Json.newMapper());
  }

  /** @param mapper the API's mapping, for the run summary and attribute maps that are not stored text */
  TraceJson(ObjectMapper mapper) {
    this.mapper = mapper;
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
    Answer answer = new Answer(new Utf8Json(out));
    answer.write(run, scope, traceId, tree, totalSpans, maxSpans);
  }

  /** The writing of one answer: its buffer and its time formatter. */
  private final class Answer {
    private final Utf8Json json;
    private final ApiTimes times = new ApiTimes();

    Answer(Utf8Json json) {
      this.json = json;
    }

    void write(RunView run, String scope, String traceId, SpanTree tree, long totalSpans, int maxSpans)
        throws IOException {
      json.raw(RUN);
      json.raw(mapped(run));
      json.raw(SCOPE);
      json.string(scope);
      json.raw(TRACE_ID);
      json.string(traceId);
      json.raw(SPAN_COUNT);
      json.number(tree.spanCount());
      json.raw(TOTAL_SPANS);
      json.number(totalSpans);
      json.raw(TRUNCATED);
      json.bool(totalSpans > tree.spanCount());
      json.raw(MAX_SPANS);
      json.number(maxSpans);
      json.raw(ROOTS);
      List<SpanNode> roots = tree.roots();
      for (int i = 0; i < roots.size(); i++) {
        if (i > 0) {
          json.raw(',');
        }
        node(roots.get(i));
      }
      json.raw(UNATTACHED_EVENTS);
      controlEvents(tree.unattachedEvents());
      json.raw('}');
      json.flush();
    }

    /** Recurses once per level; {@link SpanTree} bounds the levels. */
    private void node(SpanNode node) throws IOException {
      Span span = node.span();
      json.raw(SPAN_ID);
      json.string(span.spanId());
      json.raw(PARENT_SPAN_ID);
      json.string(span.parentSpanId());
      json.raw(TRACE_ID);
      json.string(span.traceId());
      json.raw(RUN_ID);
      json.string(span.runId());
      json.raw(NAME);
      json.string(span.name());
      json.raw(KINDS[span.kind().ordinal()]);
      json.raw(CATEGORIES[span.category().ordinal()]);
      json.raw(START);
      times.write(json, span.startUnixNanos());
      json.raw(END);
      times.write(json, span.endUnixNanos());
      json.raw(DURATION_MS);
      long micros = Durations.micros(span.durationNanos());
      if (micros >= 0 && micros < Utf8Json.MAX_THOUSANDTHS) {
        json.thousandths(micros);
      } else {
        json.number(Durations.millis(span.durationNanos()));
      }
      json.raw(STATUSES[span.status().ordinal()]);
      json.raw(STATUS_MESSAGE);
      json.string(span.statusMessage());
      json.raw(SERVICE_NAME);
      json.string(span.serviceName());
      json.raw(LINKS[node.link().ordinal()]);
      json.raw(ATTRIBUTES);
      attributes(span.attributes());
      json.raw(EVENTS);
      boolean first = true;
      for (SpanEvent event : span.events()) {
        // aegis.* events are in control_events
        if (event.name() == null || !event.name().startsWith(RunEvent.PREFIX)) {
          if (!first) {
            json.raw(',');
          }
          first = false;
          json.raw(EVENT_AT);
          times.write(json, event.timeUnixNanos());
          json.raw(NAME);
          json.string(event.name());
          json.raw(ATTRIBUTES);
          attributes(event.attributes());
          json.raw('}');
        }
      }
      json.raw(TOOL_CALL);
      toolCall(node.toolCall());
      json.raw(PROMPT);
      prompt(node.prompt());
      json.raw(CONTROL_EVENTS);
      controlEvents(node.controlEvents());
      json.raw(CHILDREN);
      List<SpanNode> children = node.children();
      for (int i = 0; i < children.size(); i++) {
        if (i > 0) {
          json.raw(',');
        }
        node(children.get(i));
      }
      json.raw(']');
      json.raw('}');
    }

    private void toolCall(ToolCall call) throws IOException {
      if (call == null) {
        json.nullValue();
        return;
      }
      json.raw(TOOL);
      json.string(call.toolName());
      json.raw(TOOL_CALL_ID);
      json.string(call.toolCallId());
      json.raw(ENDPOINT);
      json.string(call.endpoint());
      json.raw(METHOD);
      json.string(call.method());
      json.raw(STATUS_CODE);
      if (call.statusCode() == null) {
        json.nullValue();
      } else {
        json.number(call.statusCode());
      }
      json.raw(LATENCY_MS);
      json.number(call.latencyMs());
      json.raw(COST_TOKENS);
      if (call.costTokens() == null) {
        json.nullValue();
      } else {
        json.number(call.costTokens());
      }
      json.raw(ERROR);
      json.bool(call.error());
      json.raw(REQUEST);
      attributes(call.request());
      json.raw(RESPONSE);
      attributes(call.response());
      json.raw('}');
    }

    private void prompt(PromptSnapshot prompt) throws IOException {
      if (prompt == null) {
        json.nullValue();
        return;
      }
      json.raw(PROMPT_HASH);
      json.string(prompt.promptHash());
      json.raw(SUMMARY_POINTER);
      json.string(prompt.summaryPointer());
      json.raw(VECTOR_INDEX_IDS);
      List<String> ids = prompt.vectorIndexIds();
      for (int i = 0; i < ids.size(); i++) {
        if (i > 0) {
          json.raw(',');
        }
        json.string(ids.get(i));
      }
      json.raw(MODEL);
      json.string(prompt.model());
      json.raw(CONTENT);
      json.string(prompt.content());
      json.raw('}');
    }

    /** State transitions, policy decisions, approval requests and fallbacks. */
    private void controlEvents(List<RunEvent> events) throws IOException {
      json.raw('[');
      for (int i = 0; i < events.size(); i++) {
        RunEvent event = events.get(i);
        if (i > 0) {
          json.raw(',');
        }
        json.raw(EVENT_AT);
        times.write(json, event.time());
        json.raw(TYPE);
        json.string(TimelineType.ofEvent(event.name()).wireName());
        json.raw(NAME);
        json.string(event.name());
        json.raw(EVENT_SPAN_ID);
        json.string(event.spanId());
        json.raw(ATTRIBUTES);
        attributes(event.attributes());
        json.raw('}');
      }
      json.raw(']');
    }

    /** Stored text as it is; any other map through the API's mapping. */
    private void attributes(Map<String, Object> attributes) throws IOException {
      if (attributes instanceof JsonMap stored) {
        json.rawJson(stored.raw());
      } else {
        json.raw(mapped(attributes));
      }
    }
  }

  /**
   * A value as the API's mapping writes it in any other answer: as text, then UTF-8, as Javalin sends it (Jackson's
   * byte writer would escape the two halves of a character beyond the BMP instead).
   */
  private byte[] mapped(Object value) throws IOException {
    return mapper.writeValueAsString(value).getBytes(StandardCharsets.UTF_8);
  }

  private static byte[][] fields(String name, Enum<?>[] values) {
    byte[][] fields = new byte[values.length][];
    for (Enum<?> value : values) {
      String wire = value.name().toLowerCase(Locale.ROOT);
      fields[value.ordinal()] = ascii(",\"" + name + "\":\"" + wire + "\"");
    }
    return fields;
  }
}
