package dev.aegis.server.policy;

import dev.aegis.core.page.Page;
import dev.aegis.core.page.PageRequest;
import dev.aegis.core.policy.CapOverride;
import dev.aegis.core.policy.CapOverrideStore;
import dev.aegis.core.policy.rate.RateCaps;
import dev.aegis.core.policy.rate.RateOverride;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps the engine's rate-cap overrides in step with the store. A tenant's overrides are loaded when it is first
 * seen and reloaded when its revision moves (checked every refresh interval, so overrides set through another server
 * apply within it); a change through this server applies at once.
 */
final class CapOverrides {
  private final CapOverrideStore store;
  private final RateCaps caps;
  private final Clock clock;
  private final Map<String, Loaded> byTenant = new ConcurrentHashMap<>();

  CapOverrides(CapOverrideStore store, RateCaps caps, Clock clock) {
    this.store = store;
    this.caps = caps;
    this.clock = clock;
  }

  /** Makes sure the tenant's overrides are loaded; called before its decisions. */
  void watch(String tenantId) {
    if (!byTenant.containsKey(tenantId)) {
      load(tenantId);
    }
  }

  /** Reloads the tenants whose overrides changed since they were loaded. */
  synchronized void reload() {
    for (Map.Entry<String, Loaded> e : byTenant.entrySet()) {
      if (store.revision(e.getKey()) != e.getValue().revision()) {
        byTenant.put(e.getKey(), read(e.getKey()));
      }
    }
    publish();
  }

  Optional<CapOverride> put(CapOverride override) {
    Optional<CapOverride> replaced = store.put(override);
    load(override.tenantId());
    return replaced;
  }

  boolean delete(String tenantId, String id) {
    boolean deleted = store.delete(tenantId, id);
    if (deleted) {
      load(tenantId);
    }
    return deleted;
  }

  /** The override, while it is in force. */
  Optional<CapOverride> find(String tenantId, String id) {
    return store.find(tenantId, id, clock.instant());
  }

  Page<CapOverride> list(String tenantId, PageRequest page) {
    return store.list(tenantId, clock.instant(), page);
  }

  private synchronized void load(String tenantId) {
    byTenant.put(tenantId, read(tenantId));
    publish();
  }

  private Loaded read(String tenantId) {
    long revision = store.revision(tenantId);
    List<RateOverride> overrides = store.active(tenantId, clock.instant()).stream()
        .map(o -> new RateOverride(o.tenantId(), o.agentId(), o.connector(), o.limitPerMin(), o.expiresAt()))
        .toList();
    return new Loaded(revision, overrides);
  }

  private void publish() {
    List<RateOverride> all = new ArrayList<>();
    byTenant.values().forEach(l -> all.addAll(l.overrides()));
    caps.replaceOverrides(all);
  }

  private record Loaded(long revision, List<RateOverride> overrides) {}
}
