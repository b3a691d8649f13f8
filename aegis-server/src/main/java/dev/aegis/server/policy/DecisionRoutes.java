package dev.aegis.server.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aegis.core.auth.Role;
import dev.aegis.core.policy.DecisionRequest;
import dev.aegis.core.policy.EffectivePolicy;
import dev.aegis.core.policy.PolicySetSource;
import dev.aegis.server.auth.Principal;
import dev.aegis.server.auth.TenantScope;
import dev.aegis.server.http.JsonBody;
import dev.aegis.server.http.Problem;
import dev.aegis.server.http.ProblemException;
import dev.aegis.server.http.ProblemType;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /api/v1/decisions} (one), {@code /api/v1/decisions/batch} (up to {@value #MAX_BATCH}, in order) and
 * {@code GET /api/v1/agents/{agent_id}/effective-policy}.
 */
final class DecisionRoutes {
  static final int MAX_BATCH = 100;
  static final Role[] DECIDERS = {Role.AGENT, Role.OPERATOR, Role.ADMIN};

  private final DecisionService decisions;
  private final PolicySetSource policies;

  DecisionRoutes(DecisionService decisions, PolicySetSource policies) {
    this.decisions = decisions;
    this.policies = policies;
  }

  void decide(Context ctx) {
    String tenantId = TenantScope.tenantOf(Principal.of(ctx), "asking for decisions", DECIDERS);
    ObjectNode body = JsonBody.read(ctx);
    List<Problem.FieldError> errors = new ArrayList<>();
    DecisionRequest request = DecisionInput.read(body, "", tenantId, errors);
    throwIfInvalid(errors);
    DecisionService.Decided decided = decide(List.of(request)).getFirst();
    ctx.json(DecisionView.of(decided.decisionId(), decided.decision()));
  }

  void batch(Context ctx) {
    String tenantId = TenantScope.tenantOf(Principal.of(ctx), "asking for decisions", DECIDERS);
    ObjectNode body = JsonBody.read(ctx);
    List<Problem.FieldError> errors = new ArrayList<>();
    body.fieldNames().forEachRemaining(name -> {
      if (!name.equals("requests")) {
        errors.add(Problem.FieldError.atPointer("/" + name, "unknown field; allowed fields: requests"));
      }
    });
    JsonNode items = body.get("requests");
    List<DecisionRequest> requests = new ArrayList<>();
    if (items == null || !items.isArray() || items.isEmpty() || items.size() > MAX_BATCH) {
      errors.add(Problem.FieldError.atPointer("/requests",
          "must be an array of 1 to " + MAX_BATCH + " decision requests"));
    } else {
      for (int i = 0; i < items.size(); i++) {
        requests.add(DecisionInput.read(items.get(i), "/requests/" + i, tenantId, errors));
      }
    }
    throwIfInvalid(errors);
    List<DecisionView> views = decide(requests).stream()
        .map(d -> DecisionView.of(d.decisionId(), d.decision())).toList();
    ctx.json(Map.of("decisions", views));
  }

  void effectivePolicy(Context ctx) {
    String tenantId = TenantScope.tenantOf(Principal.of(ctx), "reading effective policies",
        Role.AGENT, Role.OPERATOR, Role.ADMIN, Role.APPROVER);
    String agentId = ctx.pathParam("agent_id");
    String taskType = ctx.queryParam("task_type");
    Map<String, String> labels = new LinkedHashMap<>();
    List<Problem.FieldError> errors = new ArrayList<>();
    for (String label : ctx.queryParams("label")) {
      int eq = label.indexOf('=');
      if (eq < 1) {
        errors.add(Problem.FieldError.atParameter("label", "must be name=value, was '" + label + "'"));
      } else {
        labels.put(label.substring(0, eq), label.substring(eq + 1));
      }
    }
    if (!errors.isEmpty()) {
      throw new ProblemException(ProblemType.MALFORMED_REQUEST, "Query parameter 'label' is not valid.", errors);
    }
    EffectivePolicy effective;
    try {
      effective = policies.forTenant(tenantId).effective(agentId, labels, taskType);
    } catch (RuntimeException e) {
      throw new ProblemException(ProblemType.UNAVAILABLE, "The tenant's policies could not be read; try again.");
    }
    ctx.json(new EffectivePolicyView(agentId, taskType, labels, effective.explain()));
  }

  private List<DecisionService.Decided> decide(List<DecisionRequest> requests) {
    try {
      return decisions.decideAll(requests);
    } catch (DecisionService.DecisionLogUnavailable e) {
      throw new ProblemException(ProblemType.UNAVAILABLE, "The decision could not be recorded (" + e.getMessage()
          + "), so it is not given; retry shortly.", List.of(), Map.of("Retry-After", "1"));
    }
  }

  private static void throwIfInvalid(List<Problem.FieldError> errors) {
    if (!errors.isEmpty()) {
      String first = errors.getFirst().pointer();
      throw new ProblemException(ProblemType.VALIDATION, errors.size() == 1
          ? "The decision request is not valid: " + first + " " + errors.getFirst().detail() + "."
          : "The decision request is not valid: " + errors.size() + " fields, the first " + first + ".", errors);
    }
  }

  /** The effective policy of an agent, and which policy version contributed what. */
  record EffectivePolicyView(String agentId, String taskType, Map<String, String> labels,
      EffectivePolicy.Explanation effective) {}
}
