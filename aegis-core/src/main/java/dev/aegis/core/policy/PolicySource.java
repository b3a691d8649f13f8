package dev.aegis.core.policy;

import java.util.Objects;

/**
 * One stored policy version handed to {@link PolicySet}: its document, or, when the stored text could not be read
 * back, the reason (then the whole tenant fails closed, since nobody knows whom the policy binds).
 *
 * @param policyId the policy's id
 * @param version its version
 * @param document the document, or null when {@code problem} says why it is missing
 * @param problem why the document could not be read, or null
 */
public record PolicySource(String policyId, long version, PolicyDocument document, String problem) {
  public PolicySource {
    Objects.requireNonNull(policyId, "policyId");
    if ((document == null) == (problem == null)) {
      throw new IllegalArgumentException("a policy source has a document or a problem, not both or neither");
    }
  }

  public PolicySource(String policyId, long version, PolicyDocument document) {
    this(policyId, version, Objects.requireNonNull(document, "document"), null);
  }

  /** A stored version whose text could not be parsed or validated. */
  public static PolicySource unreadable(String policyId, long version, String problem) {
    return new PolicySource(policyId, version, null, problem);
  }

  public PolicyRef ref() {
    return new PolicyRef(policyId, version);
  }
}
