package dev.aegis.core.policy;

import dev.aegis.core.page.Page;
import dev.aegis.core.page.PageRequest;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Stores dynamic rate caps, at most one per tenant, agent (or {@code *}) and connector. Expiry is applied on every
 * read against the {@code now} the caller passes; the store keeps no clock.
 */
public interface CapOverrideStore {
  /**
   * Stores the override, replacing the tenant's override for the same agent and connector, in one transaction
   * that also bumps the tenant's {@linkplain #revision revision}.
   *
   * @return the override it replaced (expired or not), or empty when there was none
   */
  Optional<CapOverride> put(CapOverride override);

  /** The override with this id, only if it belongs to this tenant and has not expired at {@code now}. */
  Optional<CapOverride> find(String tenantId, String id, Instant now);

  /** The tenant's overrides that apply at {@code now}, ordered by agent then connector: what the engine uses. */
  List<CapOverride> active(String tenantId, Instant now);

  /** The tenant's overrides that apply at {@code now}, in id order; {@code afterId} is an override id. */
  Page<CapOverride> list(String tenantId, Instant now, PageRequest page);

  /** Deletes the override (expired or not) and bumps the revision; false when the tenant has none with this id. */
  boolean delete(String tenantId, String id);

  /** Forgets every tenant's overrides that expired at or before {@code now}; they no longer apply anyway. */
  int deleteExpired(Instant now);

  /**
   * A number that grows with every put and delete of the tenant's overrides (0 before the first); a server that
   * sees it change reloads {@link #active}. Expiry changes nothing here: readers apply it themselves.
   */
  long revision(String tenantId);
}
