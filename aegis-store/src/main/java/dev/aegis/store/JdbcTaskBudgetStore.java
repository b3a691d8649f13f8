package dev.aegis.store;

import dev.aegis.core.page.Page;
import dev.aegis.core.page.PageRequest;
import dev.aegis.core.taskbudget.TaskBudget;
import dev.aegis.core.taskbudget.TaskBudgetStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;

final class JdbcTaskBudgetStore implements TaskBudgetStore {
  private static final String COLUMNS = "tenant_id, task_type, max_tokens_per_run, p95_latency_ms, max_error_rate,"
      + " window_seconds, min_samples, created_at, updated_at";

  private final Jdbi jdbi;

  JdbcTaskBudgetStore(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  @Override
  public boolean put(TaskBudget budget) {
    // insert-or-nothing first, so that two racing creators of one budget cannot both insert
    return Sql.call("store a task budget", () -> jdbi.inTransaction(h -> {
      int inserted = h.createUpdate("INSERT INTO task_budgets (" + COLUMNS + ") VALUES"
              + " (:tenant, :task, :tokens, :p95, :rate, :window, :min, :created, :updated)"
              + " ON CONFLICT (tenant_id, task_type) DO NOTHING")
          .bind("tenant", budget.tenantId())
          .bind("task", budget.taskType())
          .bind("tokens", budget.maxTokensPerRun())
          .bind("p95", budget.p95LatencyMs())
          .bind("rate", budget.maxErrorRate())
          .bind("window", budget.window().getSeconds())
          .bind("min", budget.minSamples())
          .bind("created", Times.toMillis(budget.createdAt()))
          .bind("updated", Times.toMillis(budget.updatedAt()))
          .execute();
      if (inserted > 0) {
        return true;
      }
      h.createUpdate("UPDATE task_budgets SET max_tokens_per_run = :tokens, p95_latency_ms = :p95,"
              + " max_error_rate = :rate, window_seconds = :window, min_samples = :min, updated_at = :updated"
              + " WHERE tenant_id = :tenant AND task_type = :task")
          .bind("tokens", budget.maxTokensPerRun())
          .bind("p95", budget.p95LatencyMs())
          .bind("rate", budget.maxErrorRate())
          .bind("window", budget.window().getSeconds())
          .bind("min", budget.minSamples())
          .bind("updated", Times.toMillis(budget.updatedAt()))
          .bind("tenant", budget.tenantId())
          .bind("task", budget.taskType())
          .execute();
      return false;
    }));
  }

  @Override
  public Optional<TaskBudget> find(String tenantId, String taskType) {
    return Sql.call("read a task budget", () -> jdbi.withHandle(h ->
        h.createQuery("SELECT " + COLUMNS + " FROM task_budgets WHERE tenant_id = :tenant AND task_type = :task")
            .bind("tenant", tenantId)
            .bind("task", taskType)
            .map(JdbcTaskBudgetStore::map)
            .findOne()));
  }

  @Override
  public Page<TaskBudget> list(String tenantId, PageRequest page) {
    return Sql.call("list task budgets", () -> jdbi.withHandle(h -> {
      var rows = h.createQuery("SELECT " + COLUMNS + " FROM task_budgets WHERE tenant_id = :tenant"
              + (page.afterId() == null ? "" : " AND task_type > :after")
              + " ORDER BY task_type LIMIT :limit")
          .bind("tenant", tenantId)
          .bind("after", page.afterId())
          .bind("limit", page.limit() + 1)
          .map(JdbcTaskBudgetStore::map)
          .list();
      return Page.fromOverfetch(rows, page.limit(), TaskBudget::taskType);
    }));
  }

  @Override
  public List<TaskBudget> all() {
    return Sql.call("read task budgets", () -> jdbi.withHandle(h ->
        h.createQuery("SELECT " + COLUMNS + " FROM task_budgets ORDER BY tenant_id, task_type")
            .map(JdbcTaskBudgetStore::map)
            .list()));
  }

  @Override
  public boolean delete(String tenantId, String taskType) {
    return Sql.call("delete a task budget", () -> jdbi.withHandle(h ->
        h.createUpdate("DELETE FROM task_budgets WHERE tenant_id = :tenant AND task_type = :task")
            .bind("tenant", tenantId)
            .bind("task", taskType)
            .execute() > 0));
  }

  private static TaskBudget map(ResultSet rs, StatementContext ctx) throws SQLException {
    return new TaskBudget(
        rs.getString("tenant_id"),
        rs.getString("task_type"),
        Rows.longOrNull(rs, "max_tokens_per_run"),
        Rows.longOrNull(rs, "p95_latency_ms"),
        Rows.doubleOrNull(rs, "max_error_rate"),
        Duration.ofSeconds(rs.getLong("window_seconds")),
        rs.getInt("min_samples"),
        Times.read(rs, "created_at"),
        Times.read(rs, "updated_at"));
  }
}
