package dev.aegis.server.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aegis.core.audit.AuditChain;
import dev.aegis.core.audit.AuditEntry;
import dev.aegis.core.audit.AuditLog;
import dev.aegis.core.audit.AuditQuery;
import dev.aegis.core.audit.AuditRecord;
import dev.aegis.core.audit.AuditVerifier;
import dev.aegis.core.auth.Role;
import dev.aegis.core.page.PageRequest;
import dev.aegis.core.store.Store;
import dev.aegis.core.tenant.Tenant;
import dev.aegis.server.auth.Principal;
import dev.aegis.server.auth.TenantScope;
import dev.aegis.server.http.Pagination;
import dev.aegis.server.http.Problem;
import dev.aegis.server.http.ProblemException;
import dev.aegis.server.http.ProblemType;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code GET /api/v1/audit} (entries newest first, filtered, by cursor), {@code /audit/verify} (recompute the chain)
 * and {@code /audit/export} (every entry as JSON Lines, oldest first). For a tenant's admin, operator and approver
 * keys, about their own tenant; the system admin key names the tenant with {@code ?tenant=}.
 */
final class AuditRoutes {
  static final Role[] AUDITORS = {Role.ADMIN, Role.OPERATOR, Role.APPROVER};
  /** The media type of the export: one JSON object per line. */
  static final String JSON_LINES = "application/x-ndjson";
  /** The export's header that names the head it goes up to: {@code <sequence> <hash>}. */
  static final String HEAD_HEADER = "Aegis-Audit-Head";
  private static final List<String> LIST_PARAMS =
      List.of("actor", "action", "object_type", "object_id", "from", "to", "limit", "cursor", "tenant");
  private static final Pattern ACTOR = Pattern.compile(AuditRecord.SYSTEM + "|key_[0-9a-z]{1,64}");
  private static final Pattern ACTION_FILTER =
      Pattern.compile(AuditRecord.ACTION.pattern() + "|[a-z][a-z0-9_]*(?:\\.[a-z][a-z0-9_]*)*\\.\\*");
  private static final Pattern OBJECT_ID = Pattern.compile("\\S.{0," + (AuditRecord.MAX_ID_LENGTH - 1) + "}");

  private final Store store;
  private final AuditChain chain;
  private final ObjectMapper mapper;
  private final Clock clock;

  AuditRoutes(Store store, AuditChain chain, ObjectMapper mapper, Clock clock) {
    this.store = store;
    this.chain = chain;
    this.mapper = mapper;
    this.clock = clock;
  }

  void list(Context ctx) {
    AuditParams params = AuditParams.of(ctx, LIST_PARAMS);
    String tenantId = tenantOf(ctx, params);
    String actor = params.matching("actor", ACTOR, "a key id such as key_01jd... or system");
    String action = params.matching("action", ACTION_FILTER,
        "an action such as key.created, or a prefix such as policy.*");
    String objectType = params.matching("object_type", AuditRecord.OBJECT_TYPE, "an object type such as key");
    String objectId = params.matching("object_id", OBJECT_ID, "an object id of at most "
        + AuditRecord.MAX_ID_LENGTH + " characters");
    Instant now = clock.instant();
    Instant from = params.time("from", now);
    Instant to = params.time("to", now);
    if (from != null && to != null && !from.isBefore(to)) {
      params.reject("to", "must be after from");
    }
    Long before = params.cursorSequence();
    params.throwIfInvalid();
    PageRequest page = Pagination.request(ctx);
    var entries = store.audit().list(tenantId, new AuditQuery(actor, action, objectType, objectId, from, to),
        new PageRequest(before == null ? null : before.toString(), page.limit()));
    ctx.json(Pagination.body(entries.map(AuditView::of)));
  }

  void verify(Context ctx) {
    AuditParams params = AuditParams.of(ctx, List.of("tenant"));
    String tenantId = tenantOf(ctx, params);
    params.throwIfInvalid();
    ctx.json(VerificationView.of(tenantId, AuditVerifier.verify(store.audit(), chain, tenantId)));
  }

  /**
   * Every entry up to the head as it stood when the export began, oldest first, one JSON object per line, read and
   * written a page at a time. The head goes in a header, so that a reader can tell a whole export from a cut one.
   */
  void export(Context ctx) {
    AuditParams params = AuditParams.of(ctx, List.of("tenant"));
    String tenantId = tenantOf(ctx, params);
    params.throwIfInvalid();
    AuditLog.ChainEnd end = store.audit().end(tenantId);
    long upTo = Math.max(end.lastSequence(), end.head() == null ? 0 : end.head().sequence());
    ctx.status(200).contentType(JSON_LINES + "; charset=utf-8");
    if (end.head() != null) {
      ctx.header(HEAD_HEADER, end.head().sequence() + " " + end.head().hash());
    }
    try {
      OutputStream out = ctx.outputStream();
      long after = 0;
      while (after < upTo) {
        List<AuditEntry> page = store.audit().chain(tenantId, after, upTo, AuditVerifier.PAGE);
        for (AuditEntry entry : page) {
          out.write(mapper.writeValueAsBytes(AuditView.of(entry)));
          out.write('\n');
        }
        if (page.size() < AuditVerifier.PAGE) {
          break;
        }
        after = page.getLast().sequence();
      }
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("the audit export was cut off", e);
    }
  }

  /**
   * The tenant whose log the request reads: the key's own (with an auditor's role), or for the system admin key the
   * one {@code ?tenant=} names by id or name. Another tenant is 404, as if it did not exist.
   */
  private String tenantOf(Context ctx, AuditParams params) {
    Principal principal = Principal.of(ctx);
    String requested = params.text("tenant");
    if (principal.system()) {
      if (requested == null) {
        params.throwIfInvalid();
        throw new ProblemException(ProblemType.MALFORMED_REQUEST, "The system admin key belongs to no tenant; name"
            + " the tenant whose audit log to read with ?tenant=<id or name>.",
            List.of(Problem.FieldError.atParameter("tenant", "is required with the system admin key")));
      }
      return find(requested).map(Tenant::id).orElseThrow(() -> noTenant(requested));
    }
    String own = TenantScope.tenantOf(principal, "reading the audit log", AUDITORS);
    if (requested != null && !requested.equals(own)
        && find(requested).map(Tenant::id).filter(own::equals).isEmpty()) {
      throw noTenant(requested);
    }
    return own;
  }

  private Optional<Tenant> find(String idOrName) {
    return idOrName.startsWith(Tenant.ID_PREFIX + "_")
        ? store.tenants().findById(idOrName).or(() -> store.tenants().findByName(idOrName))
        : store.tenants().findByName(idOrName);
  }

  private static ProblemException noTenant(String idOrName) {
    return new ProblemException(ProblemType.NOT_FOUND, "There is no tenant '" + idOrName + "' that this key can see.");
  }
}
