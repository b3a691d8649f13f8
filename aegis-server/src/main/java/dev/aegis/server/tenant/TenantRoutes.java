package dev.aegis.server.tenant;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aegis.core.audit.AuditAction;
import dev.aegis.core.id.IdGenerator;
import dev.aegis.core.page.Page;
import dev.aegis.core.page.PageRequest;
import dev.aegis.core.tenant.NameTakenException;
import dev.aegis.core.tenant.Tenant;
import dev.aegis.core.tenant.TenantStore;
import dev.aegis.server.audit.AuditEvent;
import dev.aegis.server.audit.AuditTrail;
import dev.aegis.server.auth.Principal;
import dev.aegis.server.http.Fields;
import dev.aegis.server.http.JsonBody;
import dev.aegis.server.http.Pagination;
import dev.aegis.server.http.ProblemException;
import dev.aegis.server.http.ProblemType;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** {@code /api/v1/tenants}: create, list and read tenants. */
final class TenantRoutes {
  private final TenantStore tenants;
  private final TenantAccess access;
  private final IdGenerator ids;
  private final Clock clock;
  private final AuditTrail audit;

  TenantRoutes(TenantStore tenants, TenantAccess access, IdGenerator ids, Clock clock, AuditTrail audit) {
    this.tenants = tenants;
    this.access = access;
    this.ids = ids;
    this.clock = clock;
    this.audit = audit;
  }

  void create(Context ctx) {
    TenantAccess.requireSystem(Principal.of(ctx), "create tenants");
    ObjectNode body = JsonBody.read(ctx);
    Fields fields = Fields.of(body, "name");
    String name = fields.requiredString("name");
    if (name != null) {
      checkName(name, fields);
    }
    fields.throwIfInvalid();

    Tenant tenant = new Tenant(ids.next(Tenant.ID_PREFIX), name, clock.instant().truncatedTo(ChronoUnit.MILLIS));
    try {
      audit.change(ctx, () -> {
        tenants.create(tenant);
        return AuditEvent.of(tenant.id(), AuditAction.TENANT_CREATED, "tenant", tenant.id())
            .after(TenantView.of(tenant));
      });
    } catch (NameTakenException e) {
      throw new ProblemException(
          ProblemType.CONFLICT, "A tenant named '" + name + "' already exists; pick another name.");
    }
    ctx.status(201).header("Location", "/api/v1/tenants/" + tenant.id()).json(TenantView.of(tenant));
  }

  void list(Context ctx) {
    Principal principal = Principal.of(ctx);
    PageRequest request = Pagination.request(ctx);
    if (principal.system()) {
      ctx.json(Pagination.body(tenants.list(request).map(TenantView::of)));
      return;
    }
    TenantAccess.requireAdmin(principal, "list tenants");
    // a tenant admin sees exactly one tenant: its own
    List<TenantView> own = tenants.findById(principal.tenantId())
        .filter(t -> request.afterId() == null || t.id().compareTo(request.afterId()) > 0)
        .map(TenantView::of)
        .stream()
        .toList();
    ctx.json(Pagination.body(new Page<>(own, null)));
  }

  void get(Context ctx) {
    ctx.json(TenantView.of(access.administrable(Principal.of(ctx), ctx.pathParam("tenant"))));
  }

  private static void checkName(String name, Fields fields) {
    if (name.isEmpty()) {
      fields.reject("/name", "must not be empty");
    } else if (Tenant.SYSTEM.equals(name)) {
      fields.reject("/name", "'system' is reserved; pick another name");
    } else if (!Tenant.isValidName(name)) {
      fields.reject("/name",
          "must be 1 to 63 lowercase letters, digits and '-', starting and ending with a letter or digit");
    }
  }
}
