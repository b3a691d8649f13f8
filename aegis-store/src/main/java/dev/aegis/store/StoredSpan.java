package dev.aegis.store;

import static dev.aegis.core.telemetry.AttributeNames.AGENT_ID;
import static dev.aegis.core.telemetry.AttributeNames.AGENT_NAME;
import static dev.aegis.core.telemetry.AttributeNames.AGENT_VERSION;
import static dev.aegis.core.telemetry.AttributeNames.CACHED_INPUT_TOKENS;
import static dev.aegis.core.telemetry.AttributeNames.CONVERSATION_ID;
import static dev.aegis.core.telemetry.AttributeNames.ENVIRONMENT;
import static dev.aegis.core.telemetry.AttributeNames.INPUT_TOKENS;
import static dev.aegis.core.telemetry.AttributeNames.MODEL;
import static dev.aegis.core.telemetry.AttributeNames.OUTPUT_TOKENS;
import static dev.aegis.core.telemetry.AttributeNames.PARENT_RUN_ID;
import static dev.aegis.core.telemetry.AttributeNames.REGION;
import static dev.aegis.core.telemetry.AttributeNames.STAGE;
import static dev.aegis.core.telemetry.AttributeNames.TASK_TYPE;

import dev.aegis.core.telemetry.AttributeNames;
import dev.aegis.core.telemetry.Attributes;
import dev.aegis.core.telemetry.RunDelta;
import dev.aegis.core.telemetry.SpanCategory;
import dev.aegis.core.telemetry.SpanStatus;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A stored span as its run's sums see it: what it added to its run when it was written, taken again from the stored
 * columns and attributes by the same rules ({@code SpanMapper}, docs/telemetry.md "Runs"), so that moving it to
 * another run moves exactly its share.
 */
record StoredSpan(
    SpanCategory category,
    SpanStatus status,
    long startUnixNanos,
    long endUnixNanos,
    String serviceName,
    Map<String, Object> attributes,
    Map<String, Object> resource) {

  /** Whether it names its run itself, so that no parent decides its run. */
  boolean ownRunId() {
    return RunRehoming.hasOwnRunId(attributes, resource);
  }

  /** The model a span with these attributes used, or null. */
  static String modelOf(Map<String, Object> attributes) {
    return Attributes.firstString(attributes, MODEL.toArray(String[]::new));
  }

  /** What it adds to a run. */
  RunDelta delta(String tenantId, String runId, String traceId) {
    boolean llm = category == SpanCategory.LLM;
    boolean failed = status == SpanStatus.ERROR || attributes.get(AttributeNames.ERROR_TYPE) != null;
    TreeSet<String> models = new TreeSet<>();
    String model = modelOf(attributes);
    if (model != null) {
      models.add(model);
    }
    return new RunDelta(tenantId, runId, traceId,
        first(PARENT_RUN_ID),
        first(AGENT_ID),
        first(AGENT_NAME),
        first(AGENT_VERSION),
        first(TASK_TYPE),
        first(STAGE),
        serviceName,
        first(ENVIRONMENT),
        first(REGION),
        first(CONVERSATION_ID),
        startUnixNanos, endUnixNanos,
        llm ? tokens(INPUT_TOKENS) : 0,
        llm ? tokens(OUTPUT_TOKENS) : 0,
        llm ? tokens(CACHED_INPUT_TOKENS) : 0,
        1, failed ? 1 : 0, category == SpanCategory.TOOL ? 1 : 0, models);
  }

  private long tokens(List<String> keys) {
    Long value = Attributes.firstNumber(attributes, keys.toArray(String[]::new));
    return value == null || value < 0 ? 0 : value;
  }

  /** The first of the names found in the span's attributes, else in its resource's. */
  private String first(List<String> names) {
    String[] keys = names.toArray(String[]::new);
    String value = Attributes.firstString(attributes, keys);
    return value != null ? value : Attributes.firstString(resource, keys);
  }
}
