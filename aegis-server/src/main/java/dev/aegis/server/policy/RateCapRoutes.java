package dev.aegis.server.policy;

import dev.aegis.core.audit.AuditAction;
import dev.aegis.core.auth.Role;
import dev.aegis.core.id.IdGenerator;
import dev.aegis.core.policy.CapOverride;
import dev.aegis.server.audit.AuditEvent;
import dev.aegis.server.audit.AuditTrail;
import dev.aegis.server.auth.Principal;
import dev.aegis.server.auth.TenantScope;
import dev.aegis.server.http.Fields;
import dev.aegis.server.http.JsonBody;
import dev.aegis.server.http.Pagination;
import dev.aegis.server.http.ProblemException;
import dev.aegis.server.http.ProblemType;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.regex.Pattern;

/**
 * {@code /api/v1/rate-caps}: operators raise or lower an agent's (or every agent's) cap on a connector at runtime,
 * for a while; the override replaces the policy's {@code rate_limit_per_min} until it expires or is deleted.
 */
final class RateCapRoutes {
  static final Duration MAX_TTL = Duration.ofDays(30);
  private static final Pattern NAME = Pattern.compile("\\*|[A-Za-z0-9][A-Za-z0-9._:/@-]{0,127}");
  private static final Pattern TTL = Pattern.compile("([1-9][0-9]{0,6})(s|m|h|d)");

  private final CapOverrides overrides;
  private final IdGenerator ids;
  private final Clock clock;
  private final AuditTrail audit;

  RateCapRoutes(CapOverrides overrides, IdGenerator ids, Clock clock, AuditTrail audit) {
    this.overrides = overrides;
    this.ids = ids;
    this.clock = clock;
    this.audit = audit;
  }

  void create(Context ctx) {
    Principal principal = Principal.of(ctx);
    String tenantId = TenantScope.tenantOf(principal, "changing rate caps", Role.OPERATOR, Role.ADMIN);
    var body = JsonBody.read(ctx);
    Fields fields = Fields.of(body, "agent_id", "connector", "limit_per_min", "expires_in",
        "expires_at", "reason");
    String agentId = fields.requiredString("agent_id");
    String connector = fields.requiredString("connector");
    Long limit = fields.optionalLong("limit_per_min", 1, 1_000_000);
    String expiresIn = fields.optionalString("expires_in");
    String expiresAtText = fields.optionalString("expires_at");
    String reason = fields.optionalString("reason");
    if (agentId != null && !NAME.matcher(agentId).matches()) {
      fields.reject("/agent_id", "must be an agent id, or \"*\" for every agent of the tenant");
    }
    if (connector != null && (connector.equals("*") || !NAME.matcher(connector).matches())) {
      fields.reject("/connector", "must be a connector name such as \"db\"");
    }
    if (!body.hasNonNull("limit_per_min")) {
      fields.reject("/limit_per_min", "is required: calls a minute, from 1");
    }
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    Instant expiresAt = null;
    if (expiresIn != null && expiresAtText != null) {
      fields.reject("/expires_at", "give expires_in or expires_at, not both");
    } else if (expiresIn != null) {
      var m = TTL.matcher(expiresIn);
      if (!m.matches()) {
        fields.reject("/expires_in", "must be a duration such as \"90s\", \"15m\", \"2h\" or \"1d\"");
      } else {
        expiresAt = now.plus(Long.parseLong(m.group(1)), switch (m.group(2)) {
          case "s" -> ChronoUnit.SECONDS;
          case "m" -> ChronoUnit.MINUTES;
          case "h" -> ChronoUnit.HOURS;
          default -> ChronoUnit.DAYS;
        });
      }
    } else if (expiresAtText != null) {
      try {
        expiresAt = Instant.parse(expiresAtText);
        if (!expiresAt.isAfter(now)) {
          fields.reject("/expires_at", "must be in the future");
        }
      } catch (DateTimeParseException e) {
        fields.reject("/expires_at", "must be an RFC 3339 time such as 2026-11-25T18:00:00Z");
      }
    } else {
      fields.reject("/expires_in", "an override needs an expiry: expires_in (such as \"1h\") or expires_at");
    }
    if (expiresAt != null && expiresAt.isAfter(now.plus(MAX_TTL))) {
      fields.reject(expiresIn != null ? "/expires_in" : "/expires_at", "must be at most 30 days away");
    }
    fields.throwIfInvalid();
    CapOverride override = new CapOverride(ids.next(CapOverride.ID_PREFIX), tenantId, agentId, connector,
        limit.intValue(), reason, CapOverride.Source.OPERATOR, principal.keyId(), now, expiresAt);
    // an override for the same agent and connector is replaced: it is the entry's before
    audit.change(ctx, () -> overrides.put(override), replaced -> AuditEvent.of(tenantId, AuditAction.RATE_CAP_SET,
        "rate_cap", override.id()).before(replaced.map(RateCapView::of).orElse(null)).after(RateCapView.of(override)));
    ctx.status(201).header("Location", "/api/v1/rate-caps/" + override.id());
    ctx.json(RateCapView.of(override));
  }

  void list(Context ctx) {
    String tenantId = TenantScope.tenantOf(Principal.of(ctx), "reading rate caps", Role.OPERATOR, Role.ADMIN);
    ctx.json(Pagination.body(overrides.list(tenantId, Pagination.request(ctx)).map(RateCapView::of)));
  }

  void delete(Context ctx) {
    String tenantId = TenantScope.tenantOf(Principal.of(ctx), "changing rate caps", Role.OPERATOR, Role.ADMIN);
    String id = ctx.pathParam("override_id");
    audit.change(ctx, () -> {
      var before = overrides.find(tenantId, id);
      if (!overrides.delete(tenantId, id)) {
        throw new ProblemException(ProblemType.NOT_FOUND, "There is no rate-cap override '" + id
            + "' in this key's tenant.");
      }
      return AuditEvent.of(tenantId, AuditAction.RATE_CAP_DELETED, "rate_cap", id)
          .before(before.map(RateCapView::of).orElse(null));
    });
    ctx.status(204);
  }

  /** A rate-cap override as the API shows it. */
  record RateCapView(String id, String agentId, String connector, int limitPerMin, String reason, String source,
      String actor, Instant createdAt, Instant expiresAt) {
    static RateCapView of(CapOverride o) {
      return new RateCapView(o.id(), o.agentId(), o.connector(), o.limitPerMin(), o.reason(),
          o.source().wireName(), o.actor(), o.createdAt(), o.expiresAt());
    }
  }
}
