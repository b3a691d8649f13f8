package dev.aegis.core.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The canonical JSON form of a policy document, for storage and diffs: members in alphabetical order at every
 * level, list order kept, defaults and empty sections left out, whole numbers without a fraction. Two documents
 * that mean the same give the same text, whether they were written in JSON or YAML and in whatever key order.
 */
public final class PolicyJson {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final ObjectMapper MAPPER =
      JsonMapper.builder().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();

  private PolicyJson() {}

  /** The document as a JSON tree in canonical form. */
  public static ObjectNode toTree(PolicyDocument doc) {
    ObjectNode root = NODES.objectNode();
    root.put("policy_id", doc.policyId());
    if (doc.description() != null) {
      root.put("description", doc.description());
    }
    if (doc.mode() != PolicyMode.ENFORCE) {
      root.put("mode", doc.mode().wire());
    }
    if (!doc.bindings().isEmpty()) {
      ArrayNode bindings = root.putArray("bindings");
      for (Binding b : doc.bindings()) {
        ObjectNode entry = bindings.addObject();
        if (b.agent() != null) {
          entry.put("agent", b.agent());
        }
        if (!b.labels().isEmpty()) {
          ObjectNode labels = entry.putObject("labels");
          b.labels().forEach(labels::put);
        }
        if (!b.taskTypes().isEmpty()) {
          strings(entry.putArray("task_types"), b.taskTypes());
        }
      }
    }
    strings(root.putArray("capabilities"), doc.capabilities());
    if (!doc.denies().isEmpty()) {
      strings(root.putArray("denies"), doc.denies());
    }
    if (!doc.connectors().isEmpty()) {
      ObjectNode connectors = root.putObject("connectors");
      doc.connectors().forEach((name, c) -> {
        ObjectNode entry = connectors.putObject(name);
        entry.put("role", c.role().wire());
        if (c.rateLimitPerMin() != null) {
          entry.put("rate_limit_per_min", c.rateLimitPerMin());
        }
      });
    }
    if (!doc.approvalThresholds().isEmpty()) {
      ObjectNode thresholds = root.putObject("approval_thresholds");
      doc.approvalThresholds().forEach((key, t) -> {
        switch (t) {
          case ApprovalThreshold.Limit l -> thresholds.set(key, number(l.value()));
          case ApprovalThreshold.Triggers tr -> strings(thresholds.putArray(key), tr.triggers());
        }
      });
    }
    if (!doc.rules().isEmpty()) {
      ArrayNode rules = root.putArray("rules");
      for (PolicyRule r : doc.rules()) {
        ObjectNode entry = rules.addObject().put("id", r.id()).put("when", r.when()).put("effect", r.effect().wire());
        if (r.reason() != null) {
          entry.put("reason", r.reason());
        }
      }
    }
    if (!doc.validators().isEmpty()) {
      ObjectNode validators = root.putObject("validators");
      doc.validators().forEach((key, v) -> {
        ObjectNode entry = validators.putObject(key);
        if (v.maxSizeMb() != null) {
          entry.set("max_size_mb", number(v.maxSizeMb()));
        }
        if (v.jsonSchema() != null) {
          entry.set("json_schema", v.jsonSchema().deepCopy());
        }
        if (!v.allowedDomains().isEmpty()) {
          strings(entry.putArray("allowed_domains"), v.allowedDomains());
        }
      });
    }
    return sorted(root);
  }

  /** The canonical text: compact JSON with sorted members. */
  public static String canonical(PolicyDocument doc) {
    try {
      return MAPPER.writeValueAsString(toTree(doc));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serializes", e);
    }
  }

  /** The canonical form, indented for people. */
  public static String pretty(PolicyDocument doc) {
    try {
      return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(toTree(doc));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serializes", e);
    }
  }

  /** A copy of the tree with every object's members in alphabetical order. */
  static <T extends JsonNode> T sorted(T node) {
    @SuppressWarnings("unchecked")
    T result = (T) sortedNode(node);
    return result;
  }

  private static JsonNode sortedNode(JsonNode node) {
    if (node.isObject()) {
      List<String> names = new ArrayList<>();
      node.properties().forEach(e -> names.add(e.getKey()));
      names.sort(null);
      ObjectNode out = NODES.objectNode();
      for (String name : names) {
        out.set(name, sortedNode(node.get(name)));
      }
      return out;
    }
    if (node.isArray()) {
      ArrayNode out = NODES.arrayNode();
      node.forEach(child -> out.add(sortedNode(child)));
      return out;
    }
    return node;
  }

  static JsonNode number(double value) {
    return value == Math.rint(value) && Math.abs(value) < 1e15 ? NODES.numberNode((long) value) : NODES.numberNode(value);
  }

  private static void strings(ArrayNode array, Collection<String> values) {
    values.forEach(array::add);
  }
}
