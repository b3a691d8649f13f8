package dev.aegis.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/**
 * What changed between two versions of a policy, pointer by pointer.
 *
 * @param changes in document order; empty when both versions hold the same document
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record PolicyDiff(String policyId, int fromVersion, int toVersion, List<Change> changes) {
  public PolicyDiff {
    changes = changes == null ? List.of() : List.copyOf(changes);
  }

  /**
   * One change.
   *
   * @param kind {@code added}, {@code removed} or {@code changed}
   * @param pointer where, as a JSON pointer into the documents; empty for the whole document
   * @param before the value before; null when added
   * @param after the value after; null when removed
   */
  public record Change(String kind, String pointer, JsonNode before, JsonNode after) {}
}
