package dev.aegis.server.policy;

import dev.aegis.core.auth.Role;
import dev.aegis.core.policy.PolicyChange;
import dev.aegis.core.policy.PolicyDiff;
import dev.aegis.core.policy.PolicyDocument;
import dev.aegis.core.policy.PolicyFormat;
import dev.aegis.core.policy.PolicyJson;
import dev.aegis.core.policy.PolicyParser;
import dev.aegis.core.policy.PolicyStore;
import dev.aegis.core.policy.PolicyVersion;
import dev.aegis.core.policy.PolicyWrite;
import dev.aegis.server.audit.AuditTrail;
import dev.aegis.server.auth.Principal;
import dev.aegis.server.auth.TenantScope;
import dev.aegis.server.http.Fields;
import dev.aegis.server.http.JsonBody;
import dev.aegis.server.http.Pagination;
import dev.aegis.server.http.Problem;
import dev.aegis.server.http.ProblemException;
import dev.aegis.server.http.ProblemType;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/** {@code /api/v1/policies}: apply, read, list, history, rollback, delete and validate policy documents. */
final class PolicyRoutes {
  private static final Pattern POLICY_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
  private static final Pattern VERSION_TAG = Pattern.compile("(?:W/)?\"?([0-9]{1,9})\"?");
  static final Role[] READERS = {Role.ADMIN, Role.OPERATOR, Role.APPROVER};

  private final PolicyStore store;
  private final Consumer<String> changed;
  private final Clock clock;
  private final AuditTrail audit;

  /**
   * @param changed told the tenant id after every stored change, so that compiled policy sets are rebuilt
   * @param audit records every stored change, in its transaction
   */
  PolicyRoutes(PolicyStore store, Consumer<String> changed, Clock clock, AuditTrail audit) {
    this.store = store;
    this.changed = changed;
    this.clock = clock;
    this.audit = audit;
  }

  void put(Context ctx) {
    Principal principal = Principal.of(ctx);
    String tenantId = TenantScope.tenantOf(principal, "changing policies", Role.ADMIN);
    String policyId = policyId(ctx);
    Integer expected = expectedVersion(ctx);
    PolicyBody.Read body = PolicyBody.read(ctx);
    PolicyDocument document = body.document();
    if (!document.policyId().equals(policyId)) {
      throw new ProblemException(ProblemType.VALIDATION, "The document's policy_id '" + document.policyId()
          + "' is not the '" + policyId + "' of the path; they must be the same.",
          List.of(Problem.FieldError.atPointer("/policy_id", "must be '" + policyId + "', the id in the path")));
    }
    String comment = comment(ctx);
    PolicyWrite write = audit.change(ctx, () -> store.apply(tenantId, policyId, PolicyJson.canonical(document),
        body.text(), format(body.format()), principal.keyId(), comment, expected, now()),
        w -> PolicyAudit.of(tenantId, w, store));
    answer(ctx, tenantId, policyId, write);
  }

  void list(Context ctx) {
    String tenantId = TenantScope.tenantOf(Principal.of(ctx), "reading policies", READERS);
    ctx.json(Pagination.body(store.list(tenantId, Pagination.request(ctx)).map(PolicyView::summary)));
  }

  void get(Context ctx) {
    String tenantId = TenantScope.tenantOf(Principal.of(ctx), "reading policies", READERS);
    PolicyVersion version = requested(ctx, tenantId);
    ctx.header("ETag", etag(version.version()));
    ctx.json(PolicyView.of(version));
  }

  /** The text as it was submitted, in its own media type: what {@code aegis policy show --source} prints. */
  void source(Context ctx) {
    String tenantId = TenantScope.tenantOf(Principal.of(ctx), "reading policies", READERS);
    PolicyVersion version = requested(ctx, tenantId);
    if (version.isTombstone()) {
      throw new ProblemException(ProblemType.NOT_FOUND, "Version " + version.version() + " of policy '"
          + version.policyId() + "' deletes it and has no source.");
    }
    ctx.header("ETag", etag(version.version()));
    ctx.contentType(version.sourceFormat() == PolicyVersion.Format.YAML ? "application/yaml; charset=utf-8"
        : "application/json; charset=utf-8");
    ctx.result(version.source());
  }

  void history(Context ctx) {
    String tenantId = TenantScope.tenantOf(Principal.of(ctx), "reading policies", READERS);
    String policyId = policyId(ctx);
    var page = Pagination.request(ctx);
    if (page.afterId() == null && store.version(tenantId, policyId, 1).isEmpty()) {
      throw notFound(policyId);
    }
    ctx.json(Pagination.body(store.history(tenantId, policyId, page).map(PolicyView::summary)));
  }

  void rollback(Context ctx) {
    Principal principal = Principal.of(ctx);
    String tenantId = TenantScope.tenantOf(principal, "changing policies", Role.ADMIN);
    String policyId = policyId(ctx);
    Fields fields = Fields.of(JsonBody.read(ctx), "to_version", "comment");
    Long to = fields.optionalLong("to_version", 1, Integer.MAX_VALUE);
    if (to == null) {
      fields.reject("/to_version", "is required: the version whose document to restore");
    }
    String comment = fields.optionalString("comment");
    fields.throwIfInvalid();
    PolicyWrite write = audit.change(ctx,
        () -> store.rollback(tenantId, policyId, to.intValue(), principal.keyId(), comment, now()),
        w -> PolicyAudit.of(tenantId, w, store));
    answer(ctx, tenantId, policyId, write);
  }

  void delete(Context ctx) {
    Principal principal = Principal.of(ctx);
    String tenantId = TenantScope.tenantOf(principal, "changing policies", Role.ADMIN);
    String policyId = policyId(ctx);
    switch (audit.change(ctx, () -> store.delete(tenantId, policyId, principal.keyId(), now()),
        w -> PolicyAudit.of(tenantId, w, store))) {
      case PolicyWrite.Written w -> {
        changed.accept(tenantId);
        ctx.status(204);
      }
      case PolicyWrite.Missing m -> throw notFound(policyId);
      case PolicyWrite.Unchanged u -> throw notFound(policyId);
      case PolicyWrite.Conflict c -> throw conflict(policyId, c);
    }
  }

  /**
   * What changed between two versions, pointer by pointer: {@code ?from=} (default: the version before {@code to})
   * and {@code ?to=} (default: the current version).
   */
  void diff(Context ctx) {
    String tenantId = TenantScope.tenantOf(Principal.of(ctx), "reading policies", READERS);
    String policyId = policyId(ctx);
    String rawTo = ctx.queryParam("to");
    PolicyVersion to = rawTo == null ? store.current(tenantId, policyId).orElseThrow(() -> notFound(policyId))
        : version(tenantId, policyId, versionParam("to", rawTo));
    String rawFrom = ctx.queryParam("from");
    int fromNumber = rawFrom == null ? to.version() - 1 : versionParam("from", rawFrom);
    if (fromNumber < 1) {
      throw new ProblemException(ProblemType.MALFORMED_REQUEST, "Version " + to.version() + " is the first;"
          + " name the versions to compare with ?from= and ?to=.",
          List.of(Problem.FieldError.atParameter("from", "there is no version before " + to.version())));
    }
    PolicyVersion from = version(tenantId, policyId, fromNumber);
    List<PolicyDiffView.ChangeView> changes = changes(documentOf(from), documentOf(to)).stream()
        .map(PolicyDiffView.ChangeView::of).toList();
    ctx.json(new PolicyDiffView(policyId, from.version(), to.version(), changes));
  }

  private PolicyVersion version(String tenantId, String policyId, int number) {
    return store.version(tenantId, policyId, number).orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND,
        "Policy '" + policyId + "' has no version " + number + " in this key's tenant."));
  }

  /** A deletion (null) differs from a document as a whole. */
  private static List<PolicyDiff.Change> changes(PolicyDocument before, PolicyDocument after) {
    if (before == null || after == null) {
      return before == after ? List.of() : List.of(new PolicyDiff.Change("",
          before == null ? null : PolicyJson.toTree(before), after == null ? null : PolicyJson.toTree(after)));
    }
    return PolicyDiff.between(before, after);
  }

  /** A stored document, or null for a deletion. */
  private static PolicyDocument documentOf(PolicyVersion version) {
    if (version.isTombstone()) {
      return null;
    }
    return PolicyParser.parse(version.document(), PolicyFormat.JSON).orThrow();
  }

  /** Checks a document without storing it: 200 with its canonical form, or the 422 a PUT would answer. */
  void validate(Context ctx) {
    TenantScope.tenantOf(Principal.of(ctx), "validating policies", READERS);
    PolicyDocument document = PolicyBody.read(ctx).document();
    ctx.json(Map.of("valid", true, "policy_id", document.policyId(),
        "document", PolicyJson.toTree(document)));
  }

  private void answer(Context ctx, String tenantId, String policyId, PolicyWrite write) {
    switch (write) {
      case PolicyWrite.Written w -> {
        changed.accept(tenantId);
        PolicyVersion v = w.version();
        if (v.change() == PolicyChange.CREATE) {
          ctx.status(201).header("Location", "/api/v1/policies/" + policyId);
        }
        ctx.header("ETag", etag(v.version()));
        ctx.json(new PolicyView.Write(true, PolicyView.of(v)));
      }
      case PolicyWrite.Unchanged u -> {
        ctx.header("ETag", etag(u.current().version()));
        ctx.json(new PolicyView.Write(false, PolicyView.of(u.current())));
      }
      case PolicyWrite.Conflict c -> throw conflict(policyId, c);
      case PolicyWrite.Missing m -> throw m.version() == null ? notFound(policyId)
          : new ProblemException(ProblemType.NOT_FOUND, "Policy '" + policyId + "' has no version " + m.version()
              + " with a document to roll back to; GET /api/v1/policies/" + policyId + "/versions lists them.");
    }
  }

  /** The version {@code ?version=} names, else the current one; 404 when there is none. */
  private PolicyVersion requested(Context ctx, String tenantId) {
    String policyId = policyId(ctx);
    String raw = ctx.queryParam("version");
    if (raw == null) {
      return store.current(tenantId, policyId).orElseThrow(() -> notFound(policyId));
    }
    int version = versionParam("version", raw);
    return store.version(tenantId, policyId, version).orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND,
        "Policy '" + policyId + "' has no version " + version + " in this key's tenant."));
  }

  static int versionParam(String name, String raw) {
    try {
      int version = Integer.parseInt(raw);
      if (version >= 1) {
        return version;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw new ProblemException(ProblemType.MALFORMED_REQUEST, "Query parameter '" + name + "' is not valid.",
        List.of(Problem.FieldError.atParameter(name, "must be a version number from 1, was '" + raw + "'")));
  }

  /** {@code If-Match: "3"} expects version 3 to be the latest; {@code If-None-Match: *} expects no policy yet. */
  private static Integer expectedVersion(Context ctx) {
    String ifMatch = ctx.header("If-Match");
    String ifNoneMatch = ctx.header("If-None-Match");
    if (ifMatch != null && ifNoneMatch != null) {
      throw new ProblemException(ProblemType.MALFORMED_REQUEST, "Send If-Match or If-None-Match, not both.");
    }
    if (ifNoneMatch != null) {
      if (!ifNoneMatch.strip().equals("*")) {
        throw new ProblemException(ProblemType.MALFORMED_REQUEST, "If-None-Match must be '*' (create only).");
      }
      return 0;
    }
    if (ifMatch == null) {
      return null;
    }
    var m = VERSION_TAG.matcher(ifMatch.strip());
    if (!m.matches()) {
      throw new ProblemException(ProblemType.MALFORMED_REQUEST, "If-Match must be a version's ETag such as \"3\","
          + " was '" + ifMatch + "'.");
    }
    return Integer.parseInt(m.group(1));
  }

  private static String comment(Context ctx) {
    String comment = ctx.queryParam("comment");
    if (comment != null && comment.length() > 1000) {
      throw new ProblemException(ProblemType.MALFORMED_REQUEST, "Query parameter 'comment' is too long.",
          List.of(Problem.FieldError.atParameter("comment", "must be at most 1000 characters")));
    }
    return comment == null || comment.isBlank() ? null : comment.strip();
  }

  static String policyId(Context ctx) {
    String policyId = ctx.pathParam("policy_id");
    if (!POLICY_ID.matcher(policyId).matches()) {
      throw new ProblemException(ProblemType.MALFORMED_REQUEST, "The policy id in the path is not valid.",
          List.of(Problem.FieldError.atParameter("policy_id",
              "must be 1 to 128 letters, digits and . _ -, starting with a letter or digit")));
    }
    return policyId;
  }

  static ProblemException notFound(String policyId) {
    return new ProblemException(ProblemType.NOT_FOUND, "There is no policy '" + policyId
        + "' in this key's tenant; PUT /api/v1/policies/" + policyId + " creates it.");
  }

  private static ProblemException conflict(String policyId, PolicyWrite.Conflict c) {
    String latest = c.latestVersion() == 0 ? "it does not exist yet" : "its latest version is " + c.latestVersion();
    return new ProblemException(ProblemType.PRECONDITION_FAILED, "Policy '" + policyId + "' changed meanwhile: the"
        + " request expected version " + c.expectedVersion() + ", but " + latest + ". Read it again, then retry.");
  }

  private static String etag(int version) {
    return "\"" + version + "\"";
  }

  private static PolicyVersion.Format format(PolicyFormat format) {
    return format == PolicyFormat.YAML ? PolicyVersion.Format.YAML : PolicyVersion.Format.JSON;
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }
}
