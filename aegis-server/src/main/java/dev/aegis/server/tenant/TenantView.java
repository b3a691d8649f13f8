package dev.aegis.server.tenant;

import dev.aegis.core.tenant.Tenant;
import java.time.Instant;

/** A tenant as the API shows it. */
record TenantView(String id, String name, Instant createdAt) {
  static TenantView of(Tenant tenant) {
    return new TenantView(tenant.id(), tenant.name(), tenant.createdAt());
  }
}
