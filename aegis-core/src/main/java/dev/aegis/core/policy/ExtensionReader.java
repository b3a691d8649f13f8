package dev.aegis.core.policy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Reads the sections that extend the brief's format: bindings, rules and validators. */
final class ExtensionReader {
  static final List<String> BINDING_FIELDS = List.of("agent", "labels", "task_types");
  static final List<String> RULE_FIELDS = List.of("id", "when", "effect", "reason");
  static final List<String> VALIDATOR_FIELDS = List.of("max_size_mb", "json_schema", "allowed_domains");
  static final Pattern RULE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  static final Pattern LABEL_KEY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._/-]{0,62}");
  static final Pattern DOMAIN =
      Pattern.compile("(\\*\\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*");
  static final int MAX_REASON = 500;

  private final FieldReader in;

  ExtensionReader(FieldReader in) {
    this.in = in;
  }

  List<Binding> bindings(JsonNode node) {
    List<Binding> out = new ArrayList<>();
    if (!in.isArray(node, "/bindings", "bindings")) {
      return out;
    }
    if (node.isEmpty()) {
      in.error("/bindings", "bindings is an empty list, which binds nothing; leave bindings out to apply the policy "
          + "to every agent and task type");
    }
    for (int i = 0; i < node.size(); i++) {
      String at = JsonPointers.child("/bindings", i);
      JsonNode entry = node.get(i);
      if (!in.isObject(entry, at, "a binding")) {
        continue;
      }
      in.unknownFields(entry, at, BINDING_FIELDS, "a binding");
      if (!entry.has("agent") && !entry.has("labels") && !entry.has("task_types")) {
        in.error(at, "a binding sets at least one of agent, labels or task_types");
        continue;
      }
      String agent = glob(entry.get("agent"), JsonPointers.child(at, "agent"), "agent");
      Map<String, String> labels = labels(entry.get("labels"), JsonPointers.child(at, "labels"));
      List<String> taskTypes = new ArrayList<>();
      if (entry.has("task_types")) {
        String tAt = JsonPointers.child(at, "task_types");
        List<String> raw = in.strings(entry.get("task_types"), tAt, "task_types");
        if (entry.get("task_types").isArray() && entry.get("task_types").isEmpty()) {
          in.error(tAt, "task_types is empty, which matches no task; leave it out to match every task type");
        }
        for (int j = 0; j < raw.size(); j++) {
          String problem = Glob.problem(raw.get(j));
          if (problem != null) {
            in.error(JsonPointers.child(tAt, j), "task type '" + raw.get(j) + "' " + problem);
          } else {
            taskTypes.add(raw.get(j));
          }
        }
      }
      out.add(new Binding(agent, labels, taskTypes));
    }
    return out;
  }

  private String glob(JsonNode node, String pointer, String what) {
    String text = in.string(node, pointer, what);
    if (text == null) {
      return null;
    }
    String problem = Glob.problem(text);
    if (problem != null) {
      in.error(pointer, what + " '" + text + "' " + problem);
      return null;
    }
    return text;
  }

  private Map<String, String> labels(JsonNode node, String pointer) {
    Map<String, String> out = new LinkedHashMap<>();
    if (node == null || node.isNull() || !in.isObject(node, pointer, "labels")) {
      return out;
    }
    if (node.isEmpty()) {
      in.error(pointer, "labels is empty; leave it out to match every agent");
    }
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      String at = JsonPointers.child(pointer, e.getKey());
      if (!LABEL_KEY.matcher(e.getKey()).matches()) {
        in.error(at, "label name '" + e.getKey() + "' is not valid: use letters, digits, '.', '_', '/' or '-'");
      }
      JsonNode v = e.getValue();
      if (v.isTextual()) {
        out.put(e.getKey(), v.textValue());
      } else if (v.isNumber() || v.isBoolean()) {
        // YAML reads `tier: 1` or `prod: true` as a number or bool; agents send labels as strings
        out.put(e.getKey(), v.asText());
      } else {
        in.error(at, "label '" + e.getKey() + "' must be a string, not " + FieldReader.typeName(v));
      }
    }
    return out;
  }

  List<PolicyRule> rules(JsonNode node) {
    List<PolicyRule> out = new ArrayList<>();
    if (!in.isArray(node, "/rules", "rules")) {
      return out;
    }
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < node.size(); i++) {
      String at = JsonPointers.child("/rules", i);
      JsonNode entry = node.get(i);
      if (!in.isObject(entry, at, "a rule")) {
        continue;
      }
      in.unknownFields(entry, at, RULE_FIELDS, "a rule");
      String id = required(entry, at, "id", "a rule needs an id, e.g. \"big-writes\"");
      if (id != null && !RULE_ID.matcher(id).matches()) {
        in.error(JsonPointers.child(at, "id"), "rule id '" + id + "' is not valid: use 1 to 64 letters, digits, "
            + "'.', '_' or '-'");
      } else if (id != null && seen.putIfAbsent(id, i) != null) {
        in.error(JsonPointers.child(at, "id"), "rule id '" + id + "' is already used by /rules/" + seen.get(id)
            + "; rule ids are unique in a policy");
      }
      String when = required(entry, at, "when", "a rule needs a CEL condition in when");
      if (when != null && Conditions.compile(when) instanceof Conditions.Failure f) {
        in.error(JsonPointers.child(at, "when"), "condition " + f.message());
      }
      String effectText = required(entry, at, "effect", "a rule needs an effect: allow, deny or require_approval");
      RuleEffect effect = effectText == null ? null : RuleEffect.fromWire(effectText);
      if (effectText != null && effect == null) {
        in.error(JsonPointers.child(at, "effect"), "effect '" + effectText + "' is not known"
            + FieldReader.didYouMean(effectText, List.of("allow", "deny", "require_approval"))
            + " Use allow, deny or require_approval.");
      }
      String reason = in.string(entry.get("reason"), JsonPointers.child(at, "reason"), "reason");
      if (reason != null && reason.length() > MAX_REASON) {
        in.error(JsonPointers.child(at, "reason"), "reason is longer than " + MAX_REASON + " characters");
      }
      if (id != null && when != null && effect != null) {
        out.add(new PolicyRule(id, when, effect, reason));
      }
    }
    return out;
  }

  private String required(JsonNode entry, String at, String field, String missing) {
    String pointer = JsonPointers.child(at, field);
    JsonNode node = entry.get(field);
    if (node == null || node.isNull()) {
      in.error(pointer, missing);
      return null;
    }
    return in.string(node, pointer, field);
  }

  Map<String, WriteValidator> validators(JsonNode node) {
    Map<String, WriteValidator> out = new LinkedHashMap<>();
    if (!in.isObject(node, "/validators", "validators")) {
      return out;
    }
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      String key = e.getKey();
      String at = JsonPointers.child("/validators", key);
      String problem = Capability.patternProblem(key);
      if (problem != null) {
        in.error(at, "validator key '" + key + "' must be a capability: it " + problem);
      }
      JsonNode v = e.getValue();
      if (!in.isObject(v, at, "validator '" + key + "'")) {
        continue;
      }
      in.unknownFields(v, at, VALIDATOR_FIELDS, "a validator");
      if (v.isEmpty()) {
        in.error(at, "validator '" + key + "' sets nothing; use max_size_mb, json_schema or allowed_domains");
      }
      Double maxSize = maxSize(v.get("max_size_mb"), JsonPointers.child(at, "max_size_mb"));
      JsonNode schema = v.get("json_schema");
      if (schema != null) {
        List<String> problems = JsonSchemas.problems(schema);
        if (!problems.isEmpty()) {
          in.error(JsonPointers.child(at, "json_schema"), "json_schema " + String.join("; ", problems));
        }
      }
      List<String> domains = new ArrayList<>();
      if (v.has("allowed_domains")) {
        String dAt = JsonPointers.child(at, "allowed_domains");
        List<String> raw = in.strings(v.get("allowed_domains"), dAt, "allowed_domains");
        for (int j = 0; j < raw.size(); j++) {
          if (!DOMAIN.matcher(raw.get(j)).matches()) {
            in.error(JsonPointers.child(dAt, j), "'" + raw.get(j) + "' is not a lower-case domain name "
                + "(example.com, or *.example.com for its subdomains)");
          } else {
            domains.add(raw.get(j));
          }
        }
      }
      if (problem == null) {
        out.put(key, new WriteValidator(maxSize, schema == null || schema.isNull() ? null : schema.deepCopy(), domains));
      }
    }
    return out;
  }

  private Double maxSize(JsonNode node, String pointer) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isNumber() || !(node.doubleValue() > 0) || Double.isInfinite(node.doubleValue())) {
      in.error(pointer, "max_size_mb must be a number above zero, not "
          + (node.isNumber() ? node.asText() : FieldReader.typeName(node)));
      return null;
    }
    return node.doubleValue();
  }
}
