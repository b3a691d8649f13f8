package dev.aegis.server.policy;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import dev.aegis.core.policy.PolicyDiff;
import java.util.List;

/** What changed between two versions of a policy. */
record PolicyDiffView(String policyId, int fromVersion, int toVersion, List<ChangeView> changes) {
  /**
   * One change.
   *
   * @param kind added, removed or changed
   * @param pointer where, as a JSON pointer into the documents
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record ChangeView(String kind, String pointer, JsonNode before, JsonNode after) {
    static ChangeView of(PolicyDiff.Change change) {
      return new ChangeView(change.kind(), change.pointer(), change.before(), change.after());
    }
  }
}
