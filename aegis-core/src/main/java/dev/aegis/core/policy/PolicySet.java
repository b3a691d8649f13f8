package dev.aegis.core.policy;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A compiled, immutable snapshot of one tenant's current policies, indexed by binding. The server builds a new one
 * when the tenant's policies change; the effective policy per (agent, labels, task type) is cached inside, so
 * replacing the snapshot invalidates the cache.
 */
public final class PolicySet {
  /** How many effective policies one snapshot keeps; an agent fleet rarely has more distinct combinations. */
  public static final int EFFECTIVE_CACHE_SIZE = 10_000;

  private static final PolicySet EMPTY = new PolicySet(List.of());

  private record Key(String agentId, Map<String, String> labels, String taskType) {}

  private final List<CompiledPolicy> policies;
  private final List<PolicyRef> refs;
  private final List<EffectivePolicy.Unusable> unplaceable;
  private final BindingIndex index;
  private final Cache<Key, EffectivePolicy> effective =
      Caffeine.newBuilder().maximumSize(EFFECTIVE_CACHE_SIZE).build();
  private final java.util.function.Function<Key, EffectivePolicy> compose =
      k -> compose(k.agentId(), k.labels(), k.taskType());

  private PolicySet(List<PolicySource> sources) {
    List<CompiledPolicy> compiled = new ArrayList<>();
    List<EffectivePolicy.Unusable> unplaceable = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (PolicySource s : sources) {
      if (!ids.add(s.policyId())) {
        throw new IllegalArgumentException("policy " + s.policyId() + " appears twice; a snapshot holds one version");
      }
      CompiledPolicy p = CompiledPolicy.compile(s);
      compiled.add(p);
      if (p.document == null) {
        // whom an unreadable policy binds is unknown, so it blocks every agent of the tenant
        unplaceable.add(new EffectivePolicy.Unusable(p.ref, p.problem));
      }
    }
    this.policies = List.copyOf(compiled);
    this.refs = compiled.stream().map(p -> p.ref).toList();
    this.unplaceable = List.copyOf(unplaceable);
    this.index = new BindingIndex(compiled);
  }

  /** Compiles and indexes the given policy versions (one per policy id). */
  public static PolicySet of(List<PolicySource> sources) {
    return sources.isEmpty() ? EMPTY : new PolicySet(sources);
  }

  /** A tenant without policies: every decision is a deny with {@code no_policy}. */
  public static PolicySet empty() {
    return EMPTY;
  }

  /** The policy versions in this snapshot. */
  public List<PolicyRef> policies() {
    return refs;
  }

  public int size() {
    return policies.size();
  }

  /** The effective policy for an agent with these labels, running this task type (null for none). */
  public EffectivePolicy effective(String agentId, Map<String, String> labels, String taskType) {
    Map<String, String> l = labels == null ? Map.of() : Map.copyOf(labels);
    return effective.get(new Key(agentId, l, taskType), compose);
  }

  private EffectivePolicy compose(String agentId, Map<String, String> labels, String taskType) {
    return EffectivePolicy.of(index.bound(agentId, labels, taskType), unplaceable);
  }
}
