package dev.aegis.core.telemetry;


import dev.aegis.core.redact.Redactor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Turns the decoded spans of one export request into what is stored: each span redacted under the tenant's
 * policy, put in its run, classified, and split into the run's delta, a tool-call envelope, a prompt snapshot and
 * run events. Pure: the only outside input is the {@link RunLookup} for parents sent in earlier requests.
 *
 * <p>A span's run is its {@code run.id} (span attribute, else resource attribute); else its parent's run (a parent
 * in the same request, else one the lookup knows); else its trace id.
 */
public final class SpanMapper {
  /** Finds the runs of spans stored (or queued) earlier; absent keys are unknown. */
  @FunctionalInterface
  public interface RunLookup {
    RunLookup NONE = keys -> Map.of();

    Map<SpanKey, String> runIdsOf(Collection<SpanKey> spans);
  }

  // the attribute names as arrays, made once: each span looks a dozen of them up
  private static final String[] AGENT_ID = AttributeNames.AGENT_ID.toArray(String[]::new);
  private static final String[] AGENT_NAME = AttributeNames.AGENT_NAME.toArray(String[]::new);
  private static final String[] AGENT_VERSION = AttributeNames.AGENT_VERSION.toArray(String[]::new);
  private static final String[] CACHED_INPUT_TOKENS = AttributeNames.CACHED_INPUT_TOKENS.toArray(String[]::new);
  private static final String[] CONVERSATION_ID = AttributeNames.CONVERSATION_ID.toArray(String[]::new);
  private static final String[] ENVIRONMENT = AttributeNames.ENVIRONMENT.toArray(String[]::new);
  private static final String[] INPUT_TOKENS = AttributeNames.INPUT_TOKENS.toArray(String[]::new);
  private static final String[] MODEL = AttributeNames.MODEL.toArray(String[]::new);
  private static final String[] OUTPUT_TOKENS = AttributeNames.OUTPUT_TOKENS.toArray(String[]::new);
  private static final String[] PARENT_RUN_ID = AttributeNames.PARENT_RUN_ID.toArray(String[]::new);
  private static final String[] REGION = AttributeNames.REGION.toArray(String[]::new);
  private static final String[] RUN_ID = AttributeNames.RUN_ID.toArray(String[]::new);
  private static final String[] SERVICE_NAME = AttributeNames.SERVICE_NAME.toArray(String[]::new);
  private static final String[] STAGE = AttributeNames.STAGE.toArray(String[]::new);
  private static final String[] TASK_TYPE = AttributeNames.TASK_TYPE.toArray(String[]::new);

  private final Redactor redactor;

  public SpanMapper(Redactor redactor) {
    this.redactor = redactor;
  }

  /** The redactor this mapper applies. */
  public Redactor redactor() {
    return redactor;
  }

  /** Maps one request's spans, in order. */
  public List<SpanRecord> map(String tenantId, List<DecodedSpan> spans, RunLookup lookup) {
    List<Redacted> redacted = redactAll(spans);
    List<String> runIds = resolveRuns(redacted, lookup);
    List<SpanRecord> out = new ArrayList<>(spans.size());
    for (int i = 0; i < redacted.size(); i++) {
      out.add(record(tenantId, redacted.get(i), runIds.get(i)));
    }
    return out;
  }

  /** A span after redaction, with the raw prompt content captured under the capture level. */
  private record Redacted(
      DecodedSpan raw,
      String name,
      String statusMessage,
      Map<String, Object> attributes,
      RedactedResource resource,
      List<SpanEvent> events,
      dev.aegis.core.redact.ContentCapture prompt) {}

  /** A resource's redacted attributes and their JSON, made once for all the spans it sent. */
  private record RedactedResource(Map<String, Object> attributes, String json) {}

  private List<Redacted> redactAll(List<DecodedSpan> spans) {
    Map<DecodedSpan.Resource, RedactedResource> resources = new IdentityHashMap<>();
    List<Redacted> out = new ArrayList<>(spans.size());
    for (DecodedSpan span : spans) {
      RedactedResource resource = resources.computeIfAbsent(span.resource(), r -> {
        Map<String, Object> redacted = Attributes.copyOf(redactor.redactAttributes(r.attributes()).attributes());
        return new RedactedResource(redacted, JsonText.of(redacted));
      });
      Map<String, Object> scope = Map.of();
      if (span.scopeName() != null || span.scopeVersion() != null) {
        scope = new LinkedHashMap<>(4);
        if (span.scopeName() != null) {
          scope.put(AttributeNames.SCOPE_NAME, span.scopeName());
        }
        if (span.scopeVersion() != null) {
          scope.put(AttributeNames.SCOPE_VERSION, span.scopeVersion());
        }
      }
      List<SpanEvent> events = new ArrayList<>(span.events().size());
      for (SpanEvent event : span.events()) {
        events.add(new SpanEvent(event.timeUnixNanos(), redactor.redact(event.name()),
            redactor.redactAttributes(event.attributes()).attributes()));
      }
      String content = Envelopes.promptContent(span.attributes());
      out.add(new Redacted(span, redactor.redact(span.name()),
          span.statusMessage() == null ? null : redactor.redact(span.statusMessage()),
          redactor.redactAttributes(span.attributes(), scope).attributes(), resource, events,
          content == null ? null : redactor.captureContent(content)));
    }
    return out;
  }

  private static List<String> resolveRuns(List<Redacted> spans, RunLookup lookup) {
    String[] runs = new String[spans.size()];
    Map<SpanKey, Integer> index = new HashMap<>();
    for (int i = 0; i < spans.size(); i++) {
      Redacted s = spans.get(i);
      index.put(new SpanKey(s.raw().traceId(), s.raw().spanId()), i);
      runs[i] = first(RUN_ID, s.attributes(), s.resource().attributes());
    }
    propagate(spans, runs, index);
    Set<SpanKey> unknownParents = new LinkedHashSet<>();
    for (int i = 0; i < spans.size(); i++) {
      DecodedSpan raw = spans.get(i).raw();
      if (runs[i] == null && raw.parentSpanId() != null) {
        SpanKey parent = new SpanKey(raw.traceId(), raw.parentSpanId());
        if (!index.containsKey(parent)) {
          unknownParents.add(parent);
        }
      }
    }
    if (!unknownParents.isEmpty()) {
      Map<SpanKey, String> known = lookup.runIdsOf(unknownParents);
      for (int i = 0; i < spans.size(); i++) {
        DecodedSpan raw = spans.get(i).raw();
        if (runs[i] == null && raw.parentSpanId() != null) {
          runs[i] = known.get(new SpanKey(raw.traceId(), raw.parentSpanId()));
        }
      }
      propagate(spans, runs, index);
    }
    List<String> out = new ArrayList<>(runs.length);
    for (int i = 0; i < runs.length; i++) {
      out.add(runs[i] != null ? runs[i] : spans.get(i).raw().traceId());
    }
    return out;
  }

  /** Gives each span without a run its parent's, for parents in the same request, however deep. */
  private static void propagate(List<Redacted> spans, String[] runs, Map<SpanKey, Integer> index) {
    boolean changed = true;
    while (changed) {
      changed = false;
      for (int i = 0; i < spans.size(); i++) {
        DecodedSpan raw = spans.get(i).raw();
        if (runs[i] != null || raw.parentSpanId() == null) {
          continue;
        }
        Integer parent = index.get(new SpanKey(raw.traceId(), raw.parentSpanId()));
        if (parent != null && runs[parent] != null) {
          runs[i] = runs[parent];
          changed = true;
        }
      }
    }
  }

  private SpanRecord record(String tenantId, Redacted s, String runId) {
    DecodedSpan raw = s.raw();
    Map<String, Object> attrs = s.attributes();
    Map<String, Object> resource = s.resource().attributes();
    SpanCategory category = Envelopes.classify(raw.kind(), attrs);
    String serviceName = first(SERVICE_NAME, resource, attrs);
    Span span = new Span(tenantId, raw.traceId(), raw.spanId(), raw.parentSpanId(), runId, s.name(), raw.kind(),
        category, raw.startUnixNanos(), raw.endUnixNanos(), raw.status(), s.statusMessage(), serviceName, attrs,
        resource, s.events());

    boolean llm = category == SpanCategory.LLM;
    boolean failed = raw.status() == SpanStatus.ERROR || attrs.get(AttributeNames.ERROR_TYPE) != null;
    TreeSet<String> models = new TreeSet<>();
    String model = Attributes.firstString(attrs, MODEL);
    if (model != null) {
      models.add(model);
    }
    RunDelta delta = new RunDelta(tenantId, runId, raw.traceId(),
        first(PARENT_RUN_ID, attrs, resource),
        first(AGENT_ID, attrs, resource),
        first(AGENT_NAME, attrs, resource),
        first(AGENT_VERSION, attrs, resource),
        first(TASK_TYPE, attrs, resource),
        first(STAGE, attrs, resource),
        serviceName,
        first(ENVIRONMENT, attrs, resource),
        first(REGION, attrs, resource),
        first(CONVERSATION_ID, attrs, resource),
        raw.startUnixNanos(), raw.endUnixNanos(),
        llm ? tokens(attrs, INPUT_TOKENS) : 0,
        llm ? tokens(attrs, OUTPUT_TOKENS) : 0,
        llm ? tokens(attrs, CACHED_INPUT_TOKENS) : 0,
        1, failed ? 1 : 0, category == SpanCategory.TOOL ? 1 : 0, models);

    ToolCall toolCall = category == SpanCategory.TOOL ? Envelopes.toolCall(span) : null;
    PromptSnapshot prompt = Envelopes.promptSnapshot(span, s.prompt());
    List<RunEvent> runEvents = new ArrayList<>();
    for (int i = 0; i < s.events().size(); i++) {
      SpanEvent event = s.events().get(i);
      if (event.name() != null && event.name().startsWith(RunEvent.PREFIX)) {
        runEvents.add(new RunEvent(tenantId, runId, raw.traceId(), raw.spanId(), i,
            Nanos.toInstant(event.timeUnixNanos()), event.name(), event.attributes()));
      }
    }
    return new SpanRecord(span, delta, toolCall, prompt, runEvents,
        StoredJson.of(span, toolCall, prompt, runEvents, s.resource().json()));
  }

  private static long tokens(Map<String, Object> attrs, String[] keys) {
    Long value = Attributes.firstNumber(attrs, keys);
    return value == null || value < 0 ? 0 : value;
  }

  /** The first of the names found in the span's attributes, else in the resource's. */
  private static String first(String[] names, Map<String, Object> primary, Map<String, Object> fallback) {
    String value = Attributes.firstString(primary, names);
    return value != null ? value : Attributes.firstString(fallback, names);
  }
}
