package dev.aegis.client;

import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Sets, reads, lists and deletes the task budgets of the key's tenant; reached with
 * {@link AegisClient#taskBudgets()}. Changing them needs an {@code admin} key, reading an {@code operator} or
 * {@code admin} key.
 */
public final class TaskBudgets {
  private final Transport transport;

  TaskBudgets(Transport transport) {
    this.transport = transport;
  }

  /**
   * Creates or replaces the budget of a task type; fields left null take their defaults, so a put replaces the
   * whole budget. 422 with a pointer per bad field (nothing is stored); 400 naming {@code task_type} when the task
   * type is not a valid name.
   */
  public TaskBudget put(String taskType, TaskBudgetSpec spec) {
    Objects.requireNonNull(spec, "spec");
    return transport.put(path(taskType), spec, Transport.type(TaskBudget.class));
  }

  /** The budget of a task type, with its current status; 404 when there is none. */
  public TaskBudget get(String taskType) {
    return transport.get(path(taskType), Map.of(), Transport.type(TaskBudget.class));
  }

  /** One page of the tenant's budgets, by task type. */
  public Page<TaskBudget> list(PageQuery query) {
    return transport.get("/api/v1/task-budgets", Tenants.params(query), Transport.pageOf(TaskBudget.class));
  }

  /** Every budget of the tenant, fetched page by page as the stream is consumed. */
  public Stream<TaskBudget> listAll() {
    return Pages.stream(this::list, PageQuery.first(PageQuery.MAX_LIMIT));
  }

  /** Deletes the budget of a task type, which resolves its firing alerts; 404 when there is none. */
  public void delete(String taskType) {
    transport.delete(path(taskType));
  }

  private static String path(String taskType) {
    return "/api/v1/task-budgets/" + Transport.segment(taskType);
  }
}
