package dev.aegis.core.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.util.ArrayList;
import java.util.List;

/**
 * JSON Schemas in write validators: checking that a schema is one (against the draft 2020-12 meta-schema, which the
 * library ships, so nothing is fetched), and validating a payload against it.
 */
public final class JsonSchemas {
  private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
  private static final Schema META =
      REGISTRY.getSchema(SchemaLocation.of(SpecificationVersion.DRAFT_2020_12.getDialectId()));

  private JsonSchemas() {}

  /** What is wrong with the schema, empty when it is a usable JSON Schema. */
  public static List<String> problems(JsonNode schema) {
    List<String> problems = new ArrayList<>();
    if (!schema.isObject() && !schema.isBoolean()) {
      problems.add("is not a JSON Schema: a schema is an object (or true/false)");
      return problems;
    }
    findRemoteRefs(schema, "", problems);
    if (!problems.isEmpty()) {
      return problems;
    }
    java.util.Set<String> places = new java.util.HashSet<>();
    for (Error error : META.validate(schema)) {
      String at = error.getInstanceLocation().toString().replaceFirst("^\\$", "");
      // the meta-schema's alternatives (anyOf) report one failure each; the first says enough
      if (places.add(at)) {
        problems.add((at.isEmpty() ? "" : "at " + at + ": ") + error.getMessage().replaceFirst("^\\$[^:]*: ", ""));
      }
    }
    if (problems.isEmpty()) {
      try {
        REGISTRY.getSchema(schema);
      } catch (RuntimeException e) {
        problems.add("cannot be used: " + e.getMessage());
      }
    }
    return problems;
  }

  /** The schema, ready to validate payloads. */
  public static Schema compile(JsonNode schema) {
    return REGISTRY.getSchema(schema);
  }

  /** Validators run on the gateway without network access: a {@code $ref} must point inside the schema. */
  private static void findRemoteRefs(JsonNode node, String at, List<String> problems) {
    if (node.isObject()) {
      JsonNode ref = node.get("$ref");
      if (ref != null && ref.isTextual() && !ref.textValue().startsWith("#")) {
        problems.add("has $ref '" + ref.textValue() + "' at " + (at.isEmpty() ? "the top" : at)
            + "; only references inside the schema (#/...) are allowed");
      }
      node.properties().forEach(e -> findRemoteRefs(e.getValue(), JsonPointers.child(at, e.getKey()), problems));
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        findRemoteRefs(node.get(i), JsonPointers.child(at, i), problems);
      }
    }
  }
}
