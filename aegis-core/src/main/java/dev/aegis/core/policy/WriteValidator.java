package dev.aegis.core.policy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * Checks a policy asks for on writes of one capability; a decision returns them as obligations for the gateway.
 *
 * @param maxSizeMb largest payload in megabytes, or null
 * @param jsonSchema a JSON Schema the payload must satisfy, or null
 * @param allowedDomains the only domains the write may reach; empty for no restriction
 */
public record WriteValidator(Double maxSizeMb, JsonNode jsonSchema, List<String> allowedDomains) {
  public WriteValidator {
    allowedDomains = allowedDomains == null ? List.of() : List.copyOf(allowedDomains);
  }
}
