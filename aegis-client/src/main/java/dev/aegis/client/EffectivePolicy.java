package dev.aegis.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;
import java.util.Map;

/**
 * The policy an agent works under for a task type and labels: the bound policies composed into one, with the
 * policy version ({@code id@version}) each part came from.
 *
 * @param taskType the task type asked about, or null for none
 * @param labels the agent labels asked about
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record EffectivePolicy(String agentId, String taskType, Map<String, String> labels, Explanation effective) {
  public EffectivePolicy {
    labels = labels == null ? Map.of() : Map.copyOf(labels);
  }

  /**
   * What makes up the effective policy. Capabilities are granted by any bound policy, denies come from all, the
   * tightest rate cap and the lowest numeric threshold win, the most restrictive connector role wins.
   *
   * @param policies the enforced policy versions; none means every action is denied
   * @param shadowPolicies bound policies in shadow mode: logged, not enforced
   * @param unusable bound policy versions that cannot be used; while there is one, every decision is a deny
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Explanation(
      List<String> policies,
      List<String> shadowPolicies,
      List<Unusable> unusable,
      List<Grant> capabilities,
      List<Grant> denies,
      List<ConnectorTerms> connectors,
      List<Limit> thresholds,
      List<Triggers> approvalTriggers,
      List<Rule> rules,
      List<Validator> validators) {
    public Explanation {
      policies = copy(policies);
      shadowPolicies = copy(shadowPolicies);
      unusable = copy(unusable);
      capabilities = copy(capabilities);
      denies = copy(denies);
      connectors = copy(connectors);
      thresholds = copy(thresholds);
      approvalTriggers = copy(approvalTriggers);
      rules = copy(rules);
      validators = copy(validators);
    }
  }

  /** A capability pattern and the policy versions that grant (or deny) it. */
  public record Grant(String capability, List<String> from) {
    public Grant {
      from = copy(from);
    }
  }

  /**
   * A connector's terms: the most restrictive role and the tightest rate cap, with where each came from.
   *
   * @param role {@code read-only}, {@code write-limited} or {@code read-write}, or null when no policy names one
   * @param rateLimitPerMin calls a minute, or null for no cap
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record ConnectorTerms(
      String connector, String role, List<String> roleFrom, Integer rateLimitPerMin, String rateFrom) {
    public ConnectorTerms {
      roleFrom = copy(roleFrom);
    }
  }

  /** The lowest numeric approval threshold for a key such as {@code write:size_mb}, and who set it. */
  public record Limit(String key, double value, String from) {}

  /** Values of a key such as {@code write:external_domain} that ask for approval, and who listed them. */
  public record Triggers(String key, List<String> triggers, List<String> from) {
    public Triggers {
      triggers = copy(triggers);
      from = copy(from);
    }
  }

  /**
   * A conditional rule.
   *
   * @param effect {@code allow}, {@code deny} or {@code require_approval}
   * @param when its CEL condition
   */
  public record Rule(String policy, String id, String effect, String when, String reason) {}

  /** A write validator and the policy version that asks for it. */
  public record Validator(String policy, String capability, Checks validator) {}

  /** What a write validator checks; null fields do not check. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Checks(Double maxSizeMb, JsonNode jsonSchema, List<String> allowedDomains) {
    public Checks {
      allowedDomains = copy(allowedDomains);
    }
  }

  /** A bound policy version that cannot be used, and why. */
  public record Unusable(String policy, String problem) {}

  private static <T> List<T> copy(List<T> list) {
    return list == null ? List.of() : List.copyOf(list);
  }
}
