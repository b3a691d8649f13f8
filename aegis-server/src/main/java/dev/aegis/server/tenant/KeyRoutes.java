package dev.aegis.server.tenant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aegis.core.audit.AuditAction;
import dev.aegis.core.auth.ApiKey;
import dev.aegis.core.auth.ApiKeyStore;
import dev.aegis.core.auth.KeySecrets;
import dev.aegis.core.auth.Role;
import dev.aegis.core.id.IdGenerator;
import dev.aegis.core.tenant.Tenant;
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
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** {@code /api/v1/tenants/{tenant}/keys}: create (the secret is shown once), list, read and revoke API keys. */
final class KeyRoutes {
  static final int MAX_NAME_LENGTH = 100;
  private static final String ROLE_NAMES =
      String.join(", ", Arrays.stream(Role.values()).map(Role::wireName).toList());

  private final ApiKeyStore keys;
  private final TenantAccess access;
  private final IdGenerator ids;
  private final KeySecrets secrets;
  private final Clock clock;
  private final AuditTrail audit;

  KeyRoutes(ApiKeyStore keys, TenantAccess access, IdGenerator ids, KeySecrets secrets, Clock clock,
      AuditTrail audit) {
    this.keys = keys;
    this.access = access;
    this.ids = ids;
    this.secrets = secrets;
    this.clock = clock;
    this.audit = audit;
  }

  void create(Context ctx) {
    Tenant tenant = access.administrable(Principal.of(ctx), ctx.pathParam("tenant"));
    ObjectNode body = JsonBody.read(ctx);
    Fields fields = Fields.of(body, "name", "roles");
    String name = fields.requiredString("name");
    if (name != null) {
      checkName(name, fields);
    }
    Set<Role> roles = roles(fields.requiredArray("roles"), fields);
    fields.throwIfInvalid();

    String secret = secrets.newSecret();
    String prefix = KeySecrets.prefixOf(secret).orElseThrow();
    ApiKey key = new ApiKey(ids.next(ApiKey.ID_PREFIX), tenant.id(), name, prefix, KeySecrets.hash(secret), roles,
        clock.instant().truncatedTo(ChronoUnit.MILLIS), null, null);
    audit.change(ctx, () -> {
      keys.create(key);
      // the key as the API lists it: id, name, prefix, roles and times; never the secret nor its hash
      return AuditEvent.of(tenant.id(), AuditAction.KEY_CREATED, "key", key.id()).after(KeyView.of(key));
    });
    ctx.status(201)
        .header("Location", "/api/v1/tenants/" + tenant.id() + "/keys/" + key.id())
        .json(KeyView.withSecret(key, secret));
  }

  void list(Context ctx) {
    Tenant tenant = access.administrable(Principal.of(ctx), ctx.pathParam("tenant"));
    ctx.json(Pagination.body(keys.list(tenant.id(), Pagination.request(ctx)).map(KeyView::of)));
  }

  void get(Context ctx) {
    Tenant tenant = access.administrable(Principal.of(ctx), ctx.pathParam("tenant"));
    ctx.json(KeyView.of(find(tenant, ctx.pathParam("key_id"))));
  }

  void revoke(Context ctx) {
    Tenant tenant = access.administrable(Principal.of(ctx), ctx.pathParam("tenant"));
    String keyId = ctx.pathParam("key_id");
    audit.change(ctx, () -> {
      Optional<ApiKey> before = keys.find(tenant.id(), keyId);
      if (!keys.revoke(tenant.id(), keyId, clock.instant().truncatedTo(ChronoUnit.MILLIS))) {
        throw notFound(tenant, keyId);
      }
      // revoking a revoked key changes nothing, and records nothing
      return before.filter(ApiKey::isActive).map(active -> AuditEvent.of(tenant.id(), AuditAction.KEY_REVOKED, "key",
          keyId).before(KeyView.of(active)).after(KeyView.of(find(tenant, keyId)))).orElse(null);
    });
    ctx.status(204);
  }

  private ApiKey find(Tenant tenant, String keyId) {
    Optional<ApiKey> key = keys.find(tenant.id(), keyId);
    return key.orElseThrow(() -> notFound(tenant, keyId));
  }

  private static ProblemException notFound(Tenant tenant, String keyId) {
    return new ProblemException(
        ProblemType.NOT_FOUND, "Tenant '" + tenant.name() + "' has no key '" + keyId + "'.");
  }

  private static void checkName(String name, Fields fields) {
    if (name.isBlank()) {
      fields.reject("/name", "must not be empty");
    } else if (name.codePointCount(0, name.length()) > MAX_NAME_LENGTH) {
      fields.reject("/name", "must be at most " + MAX_NAME_LENGTH + " characters");
    } else if (name.chars().anyMatch(Character::isISOControl)) {
      fields.reject("/name", "must not contain control characters");
    }
  }

  private static Set<Role> roles(List<JsonNode> items, Fields fields) {
    Set<Role> roles = EnumSet.noneOf(Role.class);
    if (items == null) {
      return roles;
    }
    if (items.isEmpty()) {
      fields.reject("/roles", "must name at least one role: " + ROLE_NAMES);
    }
    for (int i = 0; i < items.size(); i++) {
      JsonNode item = items.get(i);
      String pointer = Fields.pointer("roles", i);
      if (!item.isTextual()) {
        fields.reject(pointer, "must be a role name: one of " + ROLE_NAMES);
        continue;
      }
      Optional<Role> role = Role.fromWire(item.textValue());
      if (role.isEmpty()) {
        fields.reject(pointer, "unknown role '" + item.textValue() + "'; one of " + ROLE_NAMES);
      } else if (!roles.add(role.get())) {
        fields.reject(pointer, "repeats '" + item.textValue() + "'; name each role once");
      }
    }
    return roles;
  }
}
