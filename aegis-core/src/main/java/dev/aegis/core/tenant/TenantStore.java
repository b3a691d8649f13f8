package dev.aegis.core.tenant;

import dev.aegis.core.page.Page;
import dev.aegis.core.page.PageRequest;
import java.util.Optional;

/** Stores tenants. */
public interface TenantStore {
  /** Stores a new tenant; throws {@link NameTakenException} when another tenant has its name. */
  void create(Tenant tenant);

  Optional<Tenant> findById(String id);

  Optional<Tenant> findByName(String name);

  Page<Tenant> list(PageRequest page);
}
