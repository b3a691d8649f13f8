package dev.aegis.client;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;

/**
 * One version of a policy. Versions never change: every apply, rollback or delete makes a new one.
 *
 * @param policyId such as {@code policy-agent-summarizer}
 * @param version from 1, one more with each change
 * @param ref {@code policy_id@version}, as decisions name the policies they used
 * @param change {@code create}, {@code update}, {@code rollback} or {@code delete}
 * @param rolledBackFrom for a rollback, the version whose document it restored; null otherwise
 * @param digest SHA-256 of the canonical document; equal digests mean equal documents
 * @param sourceFormat {@code json} or {@code yaml}, as submitted; null for a deletion
 * @param actor the id of the key that made the change
 * @param comment what the change was for, or null
 * @param document the canonical JSON of the policy; null in lists and for a deletion
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Policy(
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
    JsonNode document) {
  public static final String CREATE = "create";
  public static final String UPDATE = "update";
  public static final String ROLLBACK = "rollback";
  public static final String DELETE = "delete";

  /** Whether this version deletes the policy (it has no document). Not a field of the API's JSON. */
  @JsonIgnore
  public boolean isDeletion() {
    return DELETE.equals(change);
  }
}
