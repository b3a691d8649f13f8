package dev.aegis.server.policy;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;
import dev.aegis.core.auth.Role;
import dev.aegis.core.policy.DecisionLog;
import dev.aegis.core.policy.DecisionQuery;
import dev.aegis.core.policy.DecisionRecord;
import dev.aegis.core.policy.Outcome;
import dev.aegis.server.auth.Principal;
import dev.aegis.server.auth.TenantScope;
import dev.aegis.server.http.Pagination;
import dev.aegis.server.http.Problem;
import dev.aegis.server.http.ProblemException;
import dev.aegis.server.http.ProblemType;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code GET /api/v1/decisions} (the decision log, newest first, filtered) and {@code /decisions/{id}}. */
final class DecisionLogRoutes {
  private static final Set<String> PARAMS =
      Set.of("agent_id", "run_id", "outcome", "action", "connector", "from", "to", "limit", "cursor");

  private final DecisionLog log;

  DecisionLogRoutes(DecisionLog log) {
    this.log = log;
  }

  void list(Context ctx) {
    String tenantId = TenantScope.tenantOf(Principal.of(ctx), "reading decisions", PolicyRoutes.READERS);
    List<Problem.FieldError> errors = new ArrayList<>();
    ctx.queryParamMap().keySet().stream().filter(p -> !PARAMS.contains(p)).sorted().forEach(p -> errors.add(
        Problem.FieldError.atParameter(p, "unknown parameter; known: " + String.join(", ",
            PARAMS.stream().sorted().toList()))));
    String outcomeText = ctx.queryParam("outcome");
    Outcome outcome = null;
    if (outcomeText != null) {
      outcome = Outcome.fromWireOptional(outcomeText).orElse(null);
      if (outcome == null) {
        errors.add(Problem.FieldError.atParameter("outcome",
            "must be allow, deny, require_approval or rate_limited, was '" + outcomeText + "'"));
      }
    }
    Instant from = time(ctx, "from", errors);
    Instant to = time(ctx, "to", errors);
    if (from != null && to != null && !from.isBefore(to)) {
      errors.add(Problem.FieldError.atParameter("to", "must be after from"));
    }
    if (!errors.isEmpty()) {
      throw new ProblemException(ProblemType.MALFORMED_REQUEST, "Query parameters not valid: " + String.join(", ",
          errors.stream().map(Problem.FieldError::parameter).toList()) + ".", errors);
    }
    DecisionQuery query = new DecisionQuery(ctx.queryParam("agent_id"), ctx.queryParam("run_id"), outcome,
        ctx.queryParam("action"), ctx.queryParam("connector"), from, to);
    ctx.json(Pagination.body(log.query(tenantId, query, Pagination.request(ctx)).map(LoggedView::of)));
  }

  void get(Context ctx) {
    String tenantId = TenantScope.tenantOf(Principal.of(ctx), "reading decisions", PolicyRoutes.READERS);
    String id = ctx.pathParam("decision_id");
    ctx.json(LoggedView.of(log.find(tenantId, id).orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND,
        "There is no logged decision '" + id + "' in this key's tenant (allows may be sampled out of the log)."))));
  }

  private static Instant time(Context ctx, String name, List<Problem.FieldError> errors) {
    String raw = ctx.queryParam(name);
    if (raw == null) {
      return null;
    }
    try {
      return Instant.parse(raw);
    } catch (DateTimeParseException e) {
      errors.add(Problem.FieldError.atParameter(name, "must be an RFC 3339 time such as 2026-11-25T18:00:00Z"));
      return null;
    }
  }

  /** A logged decision as the API shows it; attributes are as stored, redacted. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record LoggedView(String decisionId, Instant at, String agentId, Map<String, String> agentLabels, String runId,
      String taskType, String stage,
      String action, String connector, String resource, @JsonRawValue String attributes, String outcome,
      @JsonRawValue String reasons, List<String> policies, String shadowOutcome, double latencyUs,
      boolean sampled) {
    static LoggedView of(DecisionRecord r) {
      return new LoggedView(r.decisionId(), r.at(), r.agentId(), r.agentLabels().isEmpty() ? null : r.agentLabels(),
          r.runId(), r.taskType(), r.stage(), r.action(),
          r.connector(), r.resource(), r.attributes(), r.outcome().wire(), r.reasons(), r.policies(),
          r.shadowOutcome() == null ? null : r.shadowOutcome().wire(), r.latencyNanos() / 1000.0,
          r.sampled());
    }
  }
}
