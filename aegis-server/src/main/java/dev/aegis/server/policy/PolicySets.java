package dev.aegis.server.policy;

import dev.aegis.core.policy.PolicyFormat;
import dev.aegis.core.policy.PolicyParseResult;
import dev.aegis.core.policy.PolicyParser;
import dev.aegis.core.policy.PolicySet;
import dev.aegis.core.policy.PolicySetSource;
import dev.aegis.core.policy.PolicySource;
import dev.aegis.core.policy.PolicyStore;
import dev.aegis.core.policy.PolicyVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The compiled policy set of each tenant, built from the store on first use and rebuilt after a change: at once
 * for changes made through this server, and within the refresh interval for changes another server made (a poll of
 * every tenant's revision, one query). A store error while building propagates, so the decision fails closed.
 */
final class PolicySets implements PolicySetSource {
  private final PolicyStore store;
  private final Map<String, Compiled> byTenant = new ConcurrentHashMap<>();
  private final AtomicLong invalidations = new AtomicLong();

  PolicySets(PolicyStore store) {
    this.store = store;
  }

  @Override
  public PolicySet forTenant(String tenantId) {
    Compiled compiled = byTenant.get(tenantId);
    if (compiled != null) {
      return compiled.set();
    }
    long generation = invalidations.get();
    // the revision is read before the policies: a change in between makes the next poll rebuild, never the reverse
    long revision = store.revision(tenantId);
    PolicySet set = compile(store.allCurrent(tenantId));
    // a set built while this server changed policies may predate the change: use it once, do not keep it
    if (invalidations.get() == generation) {
      byTenant.put(tenantId, new Compiled(revision, set));
    }
    return set;
  }

  /** Forgets a tenant's set after a change through this server. */
  void invalidate(String tenantId) {
    invalidations.incrementAndGet();
    byTenant.remove(tenantId);
  }

  /** Forgets the sets whose tenants changed elsewhere since they were built. */
  void refresh() {
    Map<String, Long> revisions = store.revisions();
    byTenant.forEach((tenantId, compiled) -> {
      if (revisions.getOrDefault(tenantId, 0L) != compiled.revision()) {
        byTenant.remove(tenantId, compiled);
      }
    });
  }

  /** A tenant's stored versions as a set; a version that cannot be read back is kept as unusable (fail closed). */
  static PolicySet compile(List<PolicyVersion> versions) {
    return PolicySet.of(sources(versions));
  }

  /** Stored versions as the engine takes them. */
  static List<PolicySource> sources(List<PolicyVersion> versions) {
    List<PolicySource> sources = new ArrayList<>(versions.size());
    for (PolicyVersion v : versions) {
      sources.add(switch (PolicyParser.parse(v.document(), PolicyFormat.JSON)) {
        case PolicyParseResult.Valid valid -> new PolicySource(v.policyId(), v.version(), valid.document());
        case PolicyParseResult.Invalid invalid ->
            PolicySource.unreadable(v.policyId(), v.version(), "the stored document is no longer valid: "
                + invalid.errors().getFirst());
      });
    }
    return sources;
  }

  private record Compiled(long revision, PolicySet set) {}
}
