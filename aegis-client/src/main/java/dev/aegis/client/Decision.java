package dev.aegis.client;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/**
 * The decision point's answer: go ahead, stop, ask a person first, or wait.
 *
 * @param decisionId such as {@code dec_01jd...}; logged decisions can be read back with it
 * @param outcome {@link #ALLOW}, {@link #DENY}, {@link #REQUIRE_APPROVAL} or {@link #RATE_LIMITED}
 * @param reasons why, each with a machine code and a sentence
 * @param policies the policy versions that took part, as {@code id@version}
 * @param obligations checks the caller must make before it writes (size, schema, domains)
 * @param retryAfterMs for {@code rate_limited}, how long until a call would be allowed; null otherwise
 * @param shadow what policies in shadow mode would have decided, when it differs; null otherwise
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Decision(
    String decisionId,
    String outcome,
    List<Reason> reasons,
    List<String> policies,
    List<Obligation> obligations,
    Long retryAfterMs,
    Shadow shadow) {
  public static final String ALLOW = "allow";
  public static final String DENY = "deny";
  public static final String REQUIRE_APPROVAL = "require_approval";
  public static final String RATE_LIMITED = "rate_limited";

  public Decision {
    reasons = reasons == null ? List.of() : List.copyOf(reasons);
    policies = policies == null ? List.of() : List.copyOf(policies);
    obligations = obligations == null ? List.of() : List.copyOf(obligations);
  }

  /** Whether the agent may go ahead now (after meeting the obligations). */
  @JsonIgnore
  public boolean allowed() {
    return ALLOW.equals(outcome);
  }

  /**
   * A check the caller must make before it writes, from a policy's write validators.
   *
   * @param policy the policy version that asks for it
   * @param capability the capability pattern it applies to
   * @param maxSizeMb the largest write allowed, or null
   * @param jsonSchema the JSON Schema the payload must match, or null
   * @param allowedDomains the only domains a write may go to; empty when any
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  public record Obligation(
      String policy, String capability, Double maxSizeMb, JsonNode jsonSchema, List<String> allowedDomains) {
    public Obligation {
      allowedDomains = allowedDomains == null ? List.of() : List.copyOf(allowedDomains);
    }
  }

  /** What shadow-mode policies would have decided; they are logged and reported, never enforced. */
  public record Shadow(String outcome, List<Reason> reasons, List<String> policies) {
    public Shadow {
      reasons = reasons == null ? List.of() : List.copyOf(reasons);
      policies = policies == null ? List.of() : List.copyOf(policies);
    }
  }
}
