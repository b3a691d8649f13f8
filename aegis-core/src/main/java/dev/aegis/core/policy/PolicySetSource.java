package dev.aegis.core.policy;

/**
 * Where the decision point gets a tenant's current compiled policies. The server's implementation reads the store
 * and rebuilds the snapshot when policies change; any exception it throws makes the decision a deny.
 */
@FunctionalInterface
public interface PolicySetSource {
  PolicySet forTenant(String tenantId);
}
