package dev.aegis.core.policy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Objects;

/**
 * A check the caller must run on the payload before the write goes out: a policy's write validator for the
 * action's capability.
 *
 * @param policy the policy version that asks for it
 * @param capability the validator's capability pattern
 * @param maxSizeMb largest payload in megabytes, or null
 * @param jsonSchema the JSON Schema the payload must satisfy, or null
 * @param allowedDomains the only domains the write may reach; empty for any
 */
public record Obligation(
    PolicyRef policy, String capability, Double maxSizeMb, JsonNode jsonSchema, List<String> allowedDomains) {
  public Obligation {
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(capability, "capability");
    allowedDomains = allowedDomains == null ? List.of() : List.copyOf(allowedDomains);
  }
}
