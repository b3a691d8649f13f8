package dev.aegis.core.policy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Turns a JSON tree into a {@link PolicyDocument}, checking every field and collecting every error. The sections
 * that are extensions of the brief's format (bindings, rules, validators) are read by {@link ExtensionReader}.
 */
final class DocumentReader extends FieldReader {
  static final List<String> FIELDS =
      List.of(
          "policy_id",
          "description",
          "mode",
          "bindings",
          "capabilities",
          "denies",
          "connectors",
          "approval_thresholds",
          "rules",
          "validators");
  static final List<String> ROLES = List.of("read-only", "write-limited", "read-write");
  static final List<String> CONNECTOR_FIELDS = List.of("role", "rate_limit_per_min");
  static final Pattern POLICY_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
  static final Pattern CONNECTOR = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  static final Pattern THRESHOLD_KEY = Pattern.compile("(\\*|[a-z][a-z0-9_.-]{0,63}):([A-Za-z_][A-Za-z0-9_]{0,63})");
  static final int MAX_RATE_PER_MIN = 1_000_000;
  static final int MAX_DESCRIPTION = 2_000;

  private final ExtensionReader extensions = new ExtensionReader(this);

  PolicyParseResult read(JsonNode root) {
    if (root == null || root.isMissingNode() || root.isNull()) {
      error("", "the document is empty; a policy is an object with at least policy_id");
      return new PolicyParseResult.Invalid(errors);
    }
    if (!isObject(root, "", "a policy document")) {
      return new PolicyParseResult.Invalid(errors);
    }
    unknownFields(root, "", FIELDS, "a policy");
    String policyId = policyId(root.get("policy_id"));
    String description = string(root.get("description"), "/description", "description");
    if (description != null && description.length() > MAX_DESCRIPTION) {
      error("/description", "description is longer than " + MAX_DESCRIPTION + " characters");
    }
    PolicyMode mode = mode(root.get("mode"));
    List<Binding> bindings = root.has("bindings") ? extensions.bindings(root.get("bindings")) : List.of();
    List<String> capabilities = capabilities(root.get("capabilities"), "/capabilities", "capabilities");
    List<String> denies = capabilities(root.get("denies"), "/denies", "denies");
    Map<String, ConnectorPolicy> connectors = connectors(root.get("connectors"));
    Map<String, ApprovalThreshold> thresholds = thresholds(root.get("approval_thresholds"));
    List<PolicyRule> rules = root.has("rules") ? extensions.rules(root.get("rules")) : List.of();
    Map<String, WriteValidator> validators =
        root.has("validators") ? extensions.validators(root.get("validators")) : Map.of();
    if (!errors.isEmpty()) {
      return new PolicyParseResult.Invalid(errors);
    }
    return new PolicyParseResult.Valid(
        new PolicyDocument(
            policyId, description, mode, bindings, capabilities, denies, connectors, thresholds, rules, validators));
  }

  private String policyId(JsonNode node) {
    if (node == null || node.isNull()) {
      error("/policy_id", "policy_id is missing; every policy needs an id such as \"policy-agent-summarizer\"");
      return null;
    }
    String id = string(node, "/policy_id", "policy_id");
    if (id != null && !POLICY_ID.matcher(id).matches()) {
      error("/policy_id", "policy_id '" + id + "' is not valid: use 1 to 128 letters, digits, '.', '_' or '-', "
          + "starting with a letter or digit");
    }
    return id;
  }

  private PolicyMode mode(JsonNode node) {
    String text = string(node, "/mode", "mode");
    if (text == null) {
      return PolicyMode.ENFORCE;
    }
    PolicyMode mode = PolicyMode.fromWire(text);
    if (mode == null) {
      error("/mode", "mode '" + text + "' is not known; use enforce or shadow");
    }
    return mode;
  }

  /** A list of capability patterns; reports duplicates too, since they usually hide a typo. */
  List<String> capabilities(JsonNode node, String pointer, String what) {
    if (node == null || node.isNull()) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    if (!isArray(node, pointer, what)) {
      return out;
    }
    for (int i = 0; i < node.size(); i++) {
      String at = JsonPointers.child(pointer, i);
      String text = string(node.get(i), at, "each entry of " + what);
      if (text == null) {
        if (node.get(i).isNull()) {
          error(at, "each entry of " + what + " must be a capability string, not null");
        }
        continue;
      }
      String problem = Capability.patternProblem(text);
      if (problem != null) {
        error(at, "capability '" + text + "' " + problem);
      } else if (out.contains(text)) {
        error(at, "capability '" + text + "' is listed twice");
      } else {
        out.add(text);
      }
    }
    return out;
  }

  private Map<String, ConnectorPolicy> connectors(JsonNode node) {
    Map<String, ConnectorPolicy> out = new LinkedHashMap<>();
    if (node == null || node.isNull() || !isObject(node, "/connectors", "connectors")) {
      return out;
    }
    for (Map.Entry<String, JsonNode> entry : node.properties()) {
      String name = entry.getKey();
      String at = JsonPointers.child("/connectors", name);
      if (!CONNECTOR.matcher(name).matches()) {
        error(at, "connector name '" + name + "' is not valid: use 1 to 64 letters, digits, '.', '_' or '-', "
            + "starting with a letter or digit");
      }
      JsonNode value = entry.getValue();
      if (!isObject(value, at, "connector '" + name + "'")) {
        continue;
      }
      unknownFields(value, at, CONNECTOR_FIELDS, "connector '" + name + "'");
      ConnectorRole role = role(value.get("role"), JsonPointers.child(at, "role"), name);
      Integer rate = rate(value.get("rate_limit_per_min"), JsonPointers.child(at, "rate_limit_per_min"));
      if (role != null) {
        out.put(name, new ConnectorPolicy(role, rate));
      }
    }
    return out;
  }

  private ConnectorRole role(JsonNode node, String pointer, String connector) {
    if (node == null || node.isNull()) {
      error(pointer, "connector '" + connector + "' has no role; use read-only, write-limited or read-write");
      return null;
    }
    String text = string(node, pointer, "role");
    if (text == null) {
      return null;
    }
    ConnectorRole role = ConnectorRole.fromWire(text);
    if (role == null) {
      error(pointer, "role '" + text + "' is not known" + didYouMean(text, ROLES)
          + " Use read-only, write-limited or read-write.");
    }
    return role;
  }

  private Integer rate(JsonNode node, String pointer) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isNumber()) {
      error(pointer, "rate_limit_per_min must be a whole number of calls per minute, not " + typeName(node));
      return null;
    }
    if (!node.isIntegralNumber() && node.doubleValue() != Math.rint(node.doubleValue())) {
      error(pointer, "rate_limit_per_min must be a whole number of calls per minute, not " + node.asText());
      return null;
    }
    double value = node.doubleValue();
    if (value < 1 || value > MAX_RATE_PER_MIN) {
      error(pointer, "rate_limit_per_min must be from 1 to " + MAX_RATE_PER_MIN + ", not " + node.asText()
          + (value <= 0 ? "; leave it out for no cap" : ""));
      return null;
    }
    return (int) value;
  }

  private Map<String, ApprovalThreshold> thresholds(JsonNode node) {
    Map<String, ApprovalThreshold> out = new LinkedHashMap<>();
    if (node == null || node.isNull() || !isObject(node, "/approval_thresholds", "approval_thresholds")) {
      return out;
    }
    for (Map.Entry<String, JsonNode> entry : node.properties()) {
      String key = entry.getKey();
      String at = JsonPointers.child("/approval_thresholds", key);
      boolean keyOk = THRESHOLD_KEY.matcher(key).matches();
      if (!keyOk) {
        error(at, "threshold key '" + key + "' is not <verb>:<attribute> (e.g. write:size_mb); the verb is "
            + "write (any write), read (any read), * or one verb, the attribute a request attribute name");
      }
      ApprovalThreshold threshold = threshold(entry.getValue(), at, key);
      if (keyOk && threshold != null) {
        out.put(key, threshold);
      }
    }
    return out;
  }

  private ApprovalThreshold threshold(JsonNode value, String at, String key) {
    if (value.isNumber()) {
      double limit = value.doubleValue();
      if (!(limit >= 0) || Double.isInfinite(limit)) {
        error(at, "threshold '" + key + "' must be zero or more, not " + value.asText());
        return null;
      }
      return new ApprovalThreshold.Limit(limit);
    }
    if (value.isArray()) {
      if (value.isEmpty()) {
        error(at, "threshold '" + key + "' lists no trigger; use [\"" + ApprovalThreshold.Triggers.REQUIRES_APPROVAL
            + "\"] or leave the key out");
        return null;
      }
      List<String> triggers = new ArrayList<>();
      for (int i = 0; i < value.size(); i++) {
        JsonNode t = value.get(i);
        String tAt = JsonPointers.child(at, i);
        if (!t.isTextual()) {
          error(tAt, "a trigger must be a string, not " + typeName(t));
        } else if (!t.textValue().equals(ApprovalThreshold.Triggers.REQUIRES_APPROVAL)) {
          error(tAt, "trigger '" + t.textValue() + "' is not known; use \""
              + ApprovalThreshold.Triggers.REQUIRES_APPROVAL + "\"");
        } else if (!triggers.contains(t.textValue())) {
          triggers.add(t.textValue());
        }
      }
      return triggers.isEmpty() ? null : new ApprovalThreshold.Triggers(triggers);
    }
    error(at, "threshold '" + key + "' must be a number (e.g. 50) or a list of triggers (e.g. [\""
        + ApprovalThreshold.Triggers.REQUIRES_APPROVAL + "\"]), not " + typeName(value));
    return null;
  }
}
