package dev.aegis.core.taskbudget;

import dev.aegis.core.page.Page;
import dev.aegis.core.page.PageRequest;
import java.util.List;
import java.util.Optional;

/** Stores task budgets, one per tenant and task type. */
public interface TaskBudgetStore {
  /** Stores the budget, replacing the tenant's budget for its task type; true when there was none before. */
  boolean put(TaskBudget budget);

  Optional<TaskBudget> find(String tenantId, String taskType);

  /** A tenant's budgets in task type order; a page's {@code afterId} is a task type. */
  Page<TaskBudget> list(String tenantId, PageRequest page);

  /** Every tenant's budgets, to load the evaluator at start. */
  List<TaskBudget> all();

  /** Deletes the budget; false when the tenant had none for the task type. */
  boolean delete(String tenantId, String taskType);
}
