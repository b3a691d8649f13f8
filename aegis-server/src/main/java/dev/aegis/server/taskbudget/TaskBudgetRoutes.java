package dev.aegis.server.taskbudget;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aegis.core.audit.AuditAction;
import dev.aegis.core.auth.Role;
import dev.aegis.core.taskbudget.TaskBudget;
import dev.aegis.core.taskbudget.TaskBudgetEvaluator;
import dev.aegis.core.taskbudget.TaskBudgetStore;
import dev.aegis.server.audit.AuditEvent;
import dev.aegis.server.audit.AuditTrail;
import dev.aegis.server.auth.Principal;
import dev.aegis.server.auth.TenantScope;
import dev.aegis.server.config.TaskBudgetsConfig;
import dev.aegis.server.http.Fields;
import dev.aegis.server.http.JsonBody;
import dev.aegis.server.http.Pagination;
import dev.aegis.server.http.Problem;
import dev.aegis.server.http.ProblemException;
import dev.aegis.server.http.ProblemType;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/** {@code /api/v1/task-budgets}: put (create or replace), list, read and delete a tenant's task budgets. */
final class TaskBudgetRoutes {
  private static final String[] FIELDS =
      {"max_tokens_per_run", "p95_latency_ms", "max_error_rate", "window", "min_samples"};
  private static final String[] LIMITS = {"max_tokens_per_run", "p95_latency_ms", "max_error_rate"};

  private final TaskBudgetStore budgets;
  private final TaskBudgetEvaluator evaluator;
  private final BudgetMonitor monitor;
  private final TaskBudgetsConfig defaults;
  private final Clock clock;
  private final AuditTrail audit;
  /** Store writes and evaluator changes happen in the same order. */
  private final Object writes = new Object();

  TaskBudgetRoutes(TaskBudgetStore budgets, TaskBudgetEvaluator evaluator, BudgetMonitor monitor,
      TaskBudgetsConfig defaults, Clock clock, AuditTrail audit) {
    this.budgets = budgets;
    this.evaluator = evaluator;
    this.monitor = monitor;
    this.defaults = defaults;
    this.clock = clock;
    this.audit = audit;
  }

  void put(Context ctx) {
    String tenantId = TenantScope.tenantOf(Principal.of(ctx), "changing task budgets", Role.ADMIN);
    String taskType = taskType(ctx);
    ObjectNode body = JsonBody.read(ctx);
    Fields fields = Fields.of(body, FIELDS);
    Long tokens = fields.optionalLong("max_tokens_per_run", 1, TaskBudget.MAX_TOKENS_PER_RUN);
    Long p95 = fields.optionalLong("p95_latency_ms", 1, TaskBudget.MAX_LATENCY_MS);
    Double rate = fields.optionalDouble("max_error_rate", 0, 1);
    Duration window = defaults.defaultWindow();
    String windowText = fields.optionalString("window");
    if (windowText != null) {
      window = TaskBudget.parseWindow(windowText).filter(TaskBudget::isValidWindow).orElse(null);
      if (window == null) {
        fields.reject("/window", "must be a duration from 1m to 24h such as \"90s\", \"15m\" or \"1h\", was \""
            + windowText + "\"");
      }
    }
    Long minSamples = fields.optionalLong("min_samples", 1, TaskBudget.MAX_MIN_SAMPLES);
    if (noLimitGiven(body)) {
      fields.reject("", "set at least one limit: " + String.join(", ", LIMITS));
    }
    fields.throwIfInvalid();

    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    TaskBudget budget = new TaskBudget(tenantId, taskType, tokens, p95, rate, window,
        minSamples == null ? defaults.defaultMinSamples() : minSamples.intValue(), now, now);
    boolean created;
    synchronized (writes) {
      Optional<TaskBudget> before = budgets.find(tenantId, taskType);
      created = audit.change(ctx, () -> budgets.put(budget), isNew -> AuditEvent.of(tenantId,
          AuditAction.TASK_BUDGET_SET, "task_budget", taskType).before(before.map(TaskBudgetRoutes::limits)
          .orElse(null)).after(limits(budgets.find(tenantId, taskType).orElse(budget))));
      monitor.change(() -> evaluator.put(budget));
    }
    TaskBudget stored = budgets.find(tenantId, taskType).orElse(budget);
    if (created) {
      ctx.status(201).header("Location", "/api/v1/task-budgets/" + taskType);
    }
    ctx.json(view(stored));
  }

  void list(Context ctx) {
    String tenantId = TenantScope.tenantOf(Principal.of(ctx), "reading task budgets", Role.OPERATOR, Role.ADMIN);
    ctx.json(Pagination.body(budgets.list(tenantId, Pagination.request(ctx)).map(this::view)));
  }

  void get(Context ctx) {
    String tenantId = TenantScope.tenantOf(Principal.of(ctx), "reading task budgets", Role.OPERATOR, Role.ADMIN);
    String taskType = taskType(ctx);
    ctx.json(view(budgets.find(tenantId, taskType).orElseThrow(() -> notFound(taskType))));
  }

  void delete(Context ctx) {
    String tenantId = TenantScope.tenantOf(Principal.of(ctx), "changing task budgets", Role.ADMIN);
    String taskType = taskType(ctx);
    synchronized (writes) {
      audit.change(ctx, () -> {
        Optional<TaskBudget> before = budgets.find(tenantId, taskType);
        if (!budgets.delete(tenantId, taskType)) {
          throw notFound(taskType);
        }
        return AuditEvent.of(tenantId, AuditAction.TASK_BUDGET_DELETED, "task_budget", taskType)
            .before(before.map(TaskBudgetRoutes::limits).orElse(null));
      });
      monitor.change(() -> evaluator.remove(tenantId, taskType));
    }
    ctx.status(204);
  }

  /** A budget's limits and times, without the window's live status: what the audit log records. */
  private static TaskBudgetView limits(TaskBudget budget) {
    return TaskBudgetView.of(budget, null);
  }

  private TaskBudgetView view(TaskBudget budget) {
    return TaskBudgetView.of(budget, evaluator.status(budget.tenantId(), budget.taskType()).orElse(null));
  }

  private static boolean noLimitGiven(ObjectNode body) {
    for (String limit : LIMITS) {
      JsonNode value = body.get(limit);
      if (value != null && !value.isNull()) {
        return false;
      }
    }
    return true;
  }

  private static String taskType(Context ctx) {
    String taskType = ctx.pathParam("task_type");
    if (!TaskBudget.isValidTaskType(taskType)) {
      throw new ProblemException(ProblemType.MALFORMED_REQUEST,
          "The task type in the path is not valid.",
          List.of(Problem.FieldError.atParameter("task_type",
              "must be 1 to 128 letters, digits and . _ : -, starting with a letter or digit")));
    }
    return taskType;
  }

  private static ProblemException notFound(String taskType) {
    return new ProblemException(ProblemType.NOT_FOUND, "There is no task budget for task type '" + taskType
        + "' in this key's tenant; PUT /api/v1/task-budgets/" + taskType + " creates one.");
  }
}
