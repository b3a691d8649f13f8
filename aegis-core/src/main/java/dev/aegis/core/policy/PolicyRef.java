package dev.aegis.core.policy;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;

/** One version of one policy, written {@code policy_id@version}. */
public record PolicyRef(String policyId, long version) {
  public PolicyRef {
    Objects.requireNonNull(policyId, "policyId");
  }

  @JsonValue
  @Override
  public String toString() {
    return policyId + "@" + version;
  }
}
