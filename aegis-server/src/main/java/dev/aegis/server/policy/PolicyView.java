package dev.aegis.server.policy;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;
import dev.aegis.core.policy.PolicyVersion;
import java.time.Instant;

/**
 * One version of a policy as the API shows it. {@code document} is the canonical JSON of the policy (null for a
 * deletion, and left out of lists).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record PolicyView(
    String policyId,
    int version,
    String ref,
    String change,
    Integer rolledBackFrom,
    String digest,
    String sourceFormat,
    String actor,
    String comment,
    Instant createdAt,
    @JsonRawValue String document) {

  static PolicyView of(PolicyVersion v) {
    return new PolicyView(v.policyId(), v.version(), v.ref(), v.change().wireName(), v.rolledBackFrom(), v.digest(),
        v.sourceFormat() == null ? null : v.sourceFormat().wireName(), v.actor(), v.comment(), v.createdAt(),
        v.document());
  }

  /** Without the document: for lists. */
  static PolicyView summary(PolicyVersion v) {
    PolicyView full = of(v);
    return new PolicyView(full.policyId, full.version, full.ref, full.change, full.rolledBackFrom, full.digest,
        full.sourceFormat, full.actor, full.comment, full.createdAt, null);
  }

  /**
   * What a change answers: the version in force afterwards, and whether this request stored it.
   *
   * @param changed false when the policy already had this document (a repeated request) and nothing was stored
   */
  record Write(boolean changed, PolicyView policy) {}
}
