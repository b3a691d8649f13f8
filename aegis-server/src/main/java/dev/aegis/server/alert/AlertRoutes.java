package dev.aegis.server.alert;

import dev.aegis.core.alert.AlertQuery;
import dev.aegis.core.alert.AlertState;
import dev.aegis.core.alert.AlertStore;
import dev.aegis.core.auth.Role;
import dev.aegis.core.page.PageRequest;
import dev.aegis.core.taskbudget.BudgetKind;
import dev.aegis.core.taskbudget.TaskBudget;
import dev.aegis.server.auth.Principal;
import dev.aegis.server.auth.TenantScope;
import dev.aegis.server.http.Pagination;
import dev.aegis.server.http.Problem;
import dev.aegis.server.http.ProblemException;
import dev.aegis.server.http.ProblemType;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** {@code /api/v1/alerts}: a tenant's alerts, newest first, with filters; and one alert by id. */
final class AlertRoutes {
  private static final String KINDS =
      String.join(", ", Arrays.stream(BudgetKind.values()).map(BudgetKind::wireName).toList());

  private final AlertStore alerts;

  AlertRoutes(AlertStore alerts) {
    this.alerts = alerts;
  }

  void list(Context ctx) {
    String tenantId = TenantScope.tenantOf(Principal.of(ctx), "reading alerts", Role.OPERATOR, Role.ADMIN);
    AlertQuery query = query(ctx);
    PageRequest page = Pagination.request(ctx);
    ctx.json(Pagination.body(alerts.list(tenantId, query, page).map(AlertView::of)));
  }

  void get(Context ctx) {
    String tenantId = TenantScope.tenantOf(Principal.of(ctx), "reading alerts", Role.OPERATOR, Role.ADMIN);
    String id = ctx.pathParam("alert_id");
    ctx.json(AlertView.of(alerts.find(tenantId, id).orElseThrow(() -> new ProblemException(
        ProblemType.NOT_FOUND, "There is no alert '" + id + "' in this key's tenant."))));
  }

  private static AlertQuery query(Context ctx) {
    List<Problem.FieldError> errors = new ArrayList<>();
    String kind = ctx.queryParam("kind");
    if (kind != null && BudgetKind.fromWire(kind).isEmpty()) {
      errors.add(Problem.FieldError.atParameter("kind", "unknown kind '" + kind + "'; one of " + KINDS));
    }
    String rawState = ctx.queryParam("state");
    AlertState state = rawState == null ? null : AlertState.fromWire(rawState).orElse(null);
    if (rawState != null && state == null) {
      errors.add(Problem.FieldError.atParameter("state", "must be firing or resolved, was '" + rawState + "'"));
    }
    String taskType = ctx.queryParam("task_type");
    if (taskType != null && !TaskBudget.isValidTaskType(taskType)) {
      errors.add(Problem.FieldError.atParameter("task_type",
          "must be 1 to 128 letters, digits and . _ : -, starting with a letter or digit"));
    }
    Instant since = instant(ctx, "since", errors);
    Instant until = instant(ctx, "until", errors);
    if (since != null && until != null && !since.isBefore(until)) {
      errors.add(Problem.FieldError.atParameter("until", "must be after since"));
    }
    String rawOpen = ctx.queryParam("open");
    Boolean open = null;
    if ("true".equals(rawOpen)) {
      open = true;
    } else if ("false".equals(rawOpen)) {
      open = false;
    } else if (rawOpen != null) {
      errors.add(Problem.FieldError.atParameter("open", "must be true or false, was '" + rawOpen + "'"));
    }
    if (!errors.isEmpty()) {
      String names = String.join(", ", errors.stream().map(Problem.FieldError::parameter).distinct().toList());
      throw new ProblemException(ProblemType.MALFORMED_REQUEST, "Query parameters not valid: " + names + ".", errors);
    }
    return new AlertQuery(kind, state, taskType, since, until, open);
  }

  private static Instant instant(Context ctx, String name, List<Problem.FieldError> errors) {
    String raw = ctx.queryParam(name);
    if (raw == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(raw).toInstant();
    } catch (DateTimeParseException e) {
      errors.add(Problem.FieldError.atParameter(name,
          "must be an RFC 3339 time such as 2026-11-24T23:40:12Z, was '" + raw + "'"));
      return null;
    }
  }
}
