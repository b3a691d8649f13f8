package dev.aegis.core.policy.cases;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.aegis.core.policy.DecisionRequest;
import dev.aegis.core.policy.JsonPointers;
import dev.aegis.core.policy.Outcome;
import dev.aegis.core.policy.PolicyError;
import dev.aegis.core.policy.ReasonCode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a policy test file: a YAML (or JSON) list of cases, each {@code {name, request, expect: {outcome,
 * reason?}, repeat?}}. Like policies, it reports every error with its JSON pointer.
 *
 * @param cases the cases, when there are no errors
 * @param errors every problem found; empty when the file is valid
 */
public record TestCaseFile(List<TestCase> cases, List<PolicyError> errors) {
  static final String TENANT = "policy-test";
  static final List<String> CASE_FIELDS = List.of("name", "request", "expect", "repeat");
  static final List<String> REQUEST_FIELDS =
      List.of("agent_id", "agent_labels", "task_type", "run_id", "stage", "action", "connector", "resource", "attributes");
  static final List<String> EXPECT_FIELDS = List.of("outcome", "reason");
  static final int MAX_REPEAT = 100_000;
  private static final ObjectMapper YAML = new YAMLMapper();

  public TestCaseFile {
    cases = List.copyOf(cases);
    errors = List.copyOf(errors);
  }

  public boolean valid() {
    return errors.isEmpty();
  }

  /** Parses the text (YAML, of which JSON is a subset). */
  public static TestCaseFile parse(String text) {
    List<PolicyError> errors = new ArrayList<>();
    JsonNode root;
    try {
      root = YAML.readTree(text);
    } catch (JsonProcessingException e) {
      var at = e.getLocation();
      errors.add(new PolicyError("", "not valid YAML" + (at == null ? "" : " at line " + at.getLineNr()) + ": "
          + e.getOriginalMessage().strip().split("\n", 2)[0], at == null ? null : at.getLineNr(),
          at == null ? null : at.getColumnNr()));
      return new TestCaseFile(List.of(), errors);
    }
    if (root == null || !root.isArray() || root.isEmpty()) {
      errors.add(new PolicyError("", "a test file is a non-empty list of cases: - {name, request, expect}"));
      return new TestCaseFile(List.of(), errors);
    }
    List<TestCase> cases = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (int i = 0; i < root.size(); i++) {
      TestCase c = testCase(root.get(i), JsonPointers.child("", i), errors);
      if (c != null && !names.add(c.name())) {
        errors.add(new PolicyError(JsonPointers.child(JsonPointers.child("", i), "name"), "case name '" + c.name()
            + "' is used twice; names identify cases in the report"));
      }
      if (c != null) {
        cases.add(c);
      }
    }
    return new TestCaseFile(errors.isEmpty() ? cases : List.of(), errors);
  }

  private static TestCase testCase(JsonNode node, String at, List<PolicyError> errors) {
    if (!node.isObject()) {
      errors.add(new PolicyError(at, "a case must be an object with name, request and expect"));
      return null;
    }
    int before = errors.size();
    unknown(node, at, CASE_FIELDS, errors);
    String name = text(node, at, "name", true, errors);
    JsonNode request = node.get("request");
    JsonNode expect = node.get("expect");
    DecisionRequest req = null;
    if (request == null || !request.isObject()) {
      errors.add(new PolicyError(JsonPointers.child(at, "request"), "request must be an object with at least "
          + "agent_id and action"));
    } else {
      req = request(request, JsonPointers.child(at, "request"), errors);
    }
    Outcome outcome = null;
    ReasonCode reason = null;
    String eAt = JsonPointers.child(at, "expect");
    if (expect == null || !expect.isObject()) {
      errors.add(new PolicyError(eAt, "expect must be an object with outcome (and optionally reason)"));
    } else {
      unknown(expect, eAt, EXPECT_FIELDS, errors);
      String o = text(expect, eAt, "outcome", true, errors);
      outcome = o == null ? null : Outcome.fromWire(o);
      if (o != null && outcome == null) {
        errors.add(new PolicyError(JsonPointers.child(eAt, "outcome"), "outcome '" + o + "' is not known; use allow, "
            + "deny, require_approval or rate_limited"));
      }
      String r = text(expect, eAt, "reason", false, errors);
      reason = r == null ? null : ReasonCode.fromWire(r);
      if (r != null && reason == null) {
        errors.add(new PolicyError(JsonPointers.child(eAt, "reason"), "reason '" + r + "' is not a reason code "
            + "(docs/policies.md lists them)"));
      }
    }
    int repeat = 1;
    JsonNode rep = node.get("repeat");
    if (rep != null) {
      if (!rep.isIntegralNumber() || rep.intValue() < 1 || rep.intValue() > MAX_REPEAT) {
        errors.add(new PolicyError(JsonPointers.child(at, "repeat"), "repeat must be a whole number from 1 to "
            + MAX_REPEAT));
      } else {
        repeat = rep.intValue();
      }
    }
    return errors.size() == before ? new TestCase(name, req, outcome, reason, repeat) : null;
  }

  private static DecisionRequest request(JsonNode r, String at, List<PolicyError> errors) {
    unknown(r, at, REQUEST_FIELDS, errors);
    String agent = text(r, at, "agent_id", true, errors);
    String action = text(r, at, "action", true, errors);
    Map<String, String> labels = new LinkedHashMap<>();
    JsonNode l = r.get("agent_labels");
    if (l != null && !l.isObject()) {
      errors.add(new PolicyError(JsonPointers.child(at, "agent_labels"), "agent_labels must be an object of strings"));
    } else if (l != null) {
      l.properties().forEach(e -> labels.put(e.getKey(), e.getValue().asText()));
    }
    Map<String, Object> attributes = new LinkedHashMap<>();
    JsonNode a = r.get("attributes");
    if (a != null && !a.isObject()) {
      errors.add(new PolicyError(JsonPointers.child(at, "attributes"), "attributes must be an object"));
    } else if (a != null) {
      attributes = YAML.convertValue(a, YAML.getTypeFactory().constructMapType(Map.class, String.class, Object.class));
    }
    if (agent == null || action == null) {
      return null;
    }
    return new DecisionRequest(
        TENANT,
        agent,
        labels,
        text(r, at, "task_type", false, errors),
        text(r, at, "run_id", false, errors),
        text(r, at, "stage", false, errors),
        action,
        text(r, at, "connector", false, errors),
        text(r, at, "resource", false, errors),
        attributes);
  }

  private static String text(JsonNode node, String at, String field, boolean required, List<PolicyError> errors) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      if (required) {
        errors.add(new PolicyError(JsonPointers.child(at, field), field + " is missing"));
      }
      return null;
    }
    if (!v.isTextual()) {
      errors.add(new PolicyError(JsonPointers.child(at, field), field + " must be a string"));
      return null;
    }
    return v.textValue();
  }

  private static void unknown(JsonNode node, String at, List<String> known, List<PolicyError> errors) {
    node.properties().forEach(e -> {
      if (!known.contains(e.getKey())) {
        errors.add(new PolicyError(JsonPointers.child(at, e.getKey()), "unknown field '" + e.getKey() + "'; known "
            + "fields: " + String.join(", ", known)));
      }
    });
  }
}
