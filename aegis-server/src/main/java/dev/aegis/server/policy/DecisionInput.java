package dev.aegis.server.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aegis.core.policy.Capability;
import dev.aegis.core.policy.DecisionRequest;
import dev.aegis.server.http.Problem;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads one decision request from JSON, collecting every problem with its pointer. */
final class DecisionInput {
  static final Set<String> FIELDS = Set.of("agent_id", "agent_labels", "task_type", "run_id", "stage", "action",
      "connector", "resource", "attributes");
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:/@-]{0,127}");
  private static final int MAX_TEXT = 2048;
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private DecisionInput() {}

  /** The request at {@code at} (a JSON pointer prefix), or null after adding its problems to {@code errors}. */
  static DecisionRequest read(JsonNode node, String at, String tenantId, List<Problem.FieldError> errors) {
    if (!(node instanceof ObjectNode body)) {
      errors.add(Problem.FieldError.atPointer(at, "must be a JSON object"));
      return null;
    }
    int before = errors.size();
    for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!FIELDS.contains(name)) {
        errors.add(Problem.FieldError.atPointer(at + "/" + name,
            "unknown field; allowed fields: " + String.join(", ", FIELDS.stream().sorted().toList())));
      }
    }
    String agentId = name(body, at, "agent_id", true, errors);
    String action = text(body, at, "action", true, errors);
    if (action != null && !Capability.isAction(action)) {
      errors.add(Problem.FieldError.atPointer(at + "/action",
          "must be verb:resource such as read:documents or write:summaries, was '" + action + "'"));
    }
    String connector = name(body, at, "connector", false, errors);
    String taskType = name(body, at, "task_type", false, errors);
    String runId = name(body, at, "run_id", false, errors);
    String stage = name(body, at, "stage", false, errors);
    String resource = text(body, at, "resource", false, errors);
    Map<String, String> labels = labels(body.get("agent_labels"), at + "/agent_labels", errors);
    Map<String, Object> attributes = attributes(body.get("attributes"), at + "/attributes", errors);
    if (errors.size() > before) {
      return null;
    }
    return new DecisionRequest(tenantId, agentId, labels, taskType, runId, stage, action, connector, resource,
        attributes);
  }

  private static String text(ObjectNode body, String at, String field, boolean required,
      List<Problem.FieldError> errors) {
    JsonNode value = body.get(field);
    if (value == null || value.isNull()) {
      if (required) {
        errors.add(Problem.FieldError.atPointer(at + "/" + field, "is required"));
      }
      return null;
    }
    if (!value.isTextual() || value.textValue().isBlank()) {
      errors.add(Problem.FieldError.atPointer(at + "/" + field, "must be a non-empty string"));
      return null;
    }
    if (value.textValue().length() > MAX_TEXT) {
      errors.add(Problem.FieldError.atPointer(at + "/" + field, "must be at most " + MAX_TEXT + " characters"));
      return null;
    }
    return value.textValue();
  }

  private static String name(ObjectNode body, String at, String field, boolean required,
      List<Problem.FieldError> errors) {
    String value = text(body, at, field, required, errors);
    if (value != null && !NAME.matcher(value).matches()) {
      errors.add(Problem.FieldError.atPointer(at + "/" + field,
          "must be 1 to 128 letters, digits and . _ : / @ -, starting with a letter or digit"));
      return null;
    }
    return value;
  }

  private static Map<String, String> labels(JsonNode node, String at, List<Problem.FieldError> errors) {
    if (node == null || node.isNull()) {
      return Map.of();
    }
    if (!node.isObject()) {
      errors.add(Problem.FieldError.atPointer(at, "must be an object of label names to string values"));
      return Map.of();
    }
    Map<String, String> labels = new LinkedHashMap<>();
    node.properties().forEach(e -> {
      if (e.getValue().isTextual()) {
        labels.put(e.getKey(), e.getValue().textValue());
      } else {
        errors.add(Problem.FieldError.atPointer(at + "/" + e.getKey(), "must be a string"));
      }
    });
    return labels;
  }

  private static Map<String, Object> attributes(JsonNode node, String at, List<Problem.FieldError> errors) {
    if (node == null || node.isNull()) {
      return Map.of();
    }
    if (!node.isObject()) {
      errors.add(Problem.FieldError.atPointer(at, "must be an object, such as {\"size_mb\": 60}"));
      return Map.of();
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> attributes = MAPPER.convertValue(node, LinkedHashMap.class);
    return attributes;
  }
}
