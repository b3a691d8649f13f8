package dev.aegis.core.policy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A policy as written: the brief's format ({@code policy_id}, {@code capabilities}, {@code connectors},
 * {@code approval_thresholds}) plus the documented extensions. Built by {@link PolicyParser}, which checks every
 * field; maps keep the document's order.
 *
 * @param policyId the policy's id, unique in its tenant
 * @param description free text, or null
 * @param mode enforce (the default) or shadow
 * @param bindings which agents and task types the policy applies to; empty for all of the tenant's
 * @param capabilities capability patterns granted ({@code verb:resource} or {@code verb:*})
 * @param denies capability patterns always denied
 * @param connectors role and rate cap per connector name
 * @param approvalThresholds thresholds keyed {@code <verb>:<attribute>}
 * @param rules conditional rules in CEL
 * @param validators write validators per capability pattern
 */
public record PolicyDocument(
    String policyId,
    String description,
    PolicyMode mode,
    List<Binding> bindings,
    List<String> capabilities,
    List<String> denies,
    Map<String, ConnectorPolicy> connectors,
    Map<String, ApprovalThreshold> approvalThresholds,
    List<PolicyRule> rules,
    Map<String, WriteValidator> validators) {
  public PolicyDocument {
    Objects.requireNonNull(policyId, "policyId");
    mode = mode == null ? PolicyMode.ENFORCE : mode;
    bindings = bindings == null ? List.of() : List.copyOf(bindings);
    capabilities = capabilities == null ? List.of() : List.copyOf(capabilities);
    denies = denies == null ? List.of() : List.copyOf(denies);
    connectors = ordered(connectors);
    approvalThresholds = ordered(approvalThresholds);
    rules = rules == null ? List.of() : List.copyOf(rules);
    validators = ordered(validators);
  }

  /** A document with only an id and capabilities, for tests and examples. */
  public static PolicyDocument granting(String policyId, String... capabilities) {
    return new PolicyDocument(
        policyId, null, PolicyMode.ENFORCE, null, List.of(capabilities), null, null, null, null, null);
  }

  private static <V> Map<String, V> ordered(Map<String, V> map) {
    return map == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(map));
  }
}
