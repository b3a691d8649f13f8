/**
 * Policies as code and the decision point.
 *
 * <p>Reading: {@link dev.aegis.core.policy.PolicyParser} turns JSON or YAML into a
 * {@link dev.aegis.core.policy.PolicyDocument} or every {@link dev.aegis.core.policy.PolicyError} with its JSON
 * pointer; {@link dev.aegis.core.policy.PolicyJson} gives the canonical form and
 * {@link dev.aegis.core.policy.PolicyDiff} the changes between two documents.
 *
 * <p>Deciding: {@link dev.aegis.core.policy.PolicySet} compiles a tenant's current versions into an indexed
 * snapshot whose {@link dev.aegis.core.policy.EffectivePolicy} per agent explains itself;
 * {@link dev.aegis.core.policy.PolicyEngine}, the {@link dev.aegis.core.policy.DecisionPoint}, answers a
 * {@link dev.aegis.core.policy.DecisionRequest} with a {@link dev.aegis.core.policy.Decision}. Rate caps live in
 * {@code policy.rate}; the offline test runner and simulations in {@code policy.cases}. docs/policies.md is the
 * user's guide.
 */
package dev.aegis.core.policy;
