package dev.aegis.server.taskbudget;

import dev.aegis.core.alert.Alert;
import dev.aegis.core.store.Store;
import dev.aegis.server.audit.AuditTrail;
import dev.aegis.core.taskbudget.BudgetKind;
import dev.aegis.core.taskbudget.BudgetTransition;
import dev.aegis.core.taskbudget.RunObserver;
import dev.aegis.core.taskbudget.RunSample;
import dev.aegis.core.taskbudget.RunTokens;
import dev.aegis.core.taskbudget.TaskBudget;
import dev.aegis.core.taskbudget.TaskBudgetEvaluator;
import dev.aegis.server.alert.AlertRecorder;
import dev.aegis.server.config.TaskBudgetsConfig;
import io.javalin.config.RoutesConfig;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The task budget feature of the server: the {@code /api/v1/task-budgets} routes, and the monitor that judges
 * committed runs against the budgets and raises alerts. Its {@link #observer()} goes to the ingest writer. Close it
 * after ingest, before webhooks.
 */
public final class TaskBudgets implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TaskBudgets.class);

  private final BudgetMonitor monitor;
  private final TaskBudgetRoutes routes;

  private TaskBudgets(BudgetMonitor monitor, TaskBudgetRoutes routes) {
    this.monitor = monitor;
    this.routes = routes;
  }

  /**
   * Loads every budget, restores the alerts that were firing when the server stopped (a recovery after a restart
   * resolves them), and starts the monitor.
   *
   * @param audit records budget changes
   */
  public static TaskBudgets start(TaskBudgetsConfig config, Store store, AlertRecorder recorder,
      MeterRegistry registry, Clock clock, AuditTrail audit) {
    TaskBudgetEvaluator evaluator = new TaskBudgetEvaluator(clock);
    List<TaskBudget> all = store.taskBudgets().all();
    all.forEach(evaluator::put);
    List<String> windowed = Arrays.stream(BudgetKind.values()).filter(BudgetKind::windowed)
        .map(BudgetKind::wireName).toList();
    List<BudgetTransition> restored = new ArrayList<>();
    List<Alert> open = store.alerts().open(windowed);
    for (Alert alert : open) {
      BudgetKind kind = BudgetKind.fromWire(alert.kind()).orElseThrow();
      restored.addAll(evaluator.restoreFiring(alert.tenantId(), alert.taskType(), kind,
          alert.threshold() == null ? 0 : alert.threshold()));
    }
    BudgetMonitor monitor = new BudgetMonitor(evaluator,
        new RunFinishes(store.telemetry(), evaluator, RunFinishes.MAX_WAITING), recorder, registry,
        BudgetMonitor.MAX_QUEUED_SPANS);
    monitor.start();
    if (!restored.isEmpty()) {
      monitor.change(() -> restored);
    }
    if (!all.isEmpty()) {
      LOG.info("Task budgets: {} loaded, {} alerts still firing", all.size(), open.size() - restored.size());
    }
    return new TaskBudgets(monitor,
        new TaskBudgetRoutes(store.taskBudgets(), evaluator, monitor, config, clock, audit));
  }

  public void install(RoutesConfig config) {
    config.put("/api/v1/task-budgets/{task_type}", routes::put);
    config.get("/api/v1/task-budgets", routes::list);
    config.get("/api/v1/task-budgets/{task_type}", routes::get);
    config.delete("/api/v1/task-budgets/{task_type}", routes::delete);
  }

  /** What the ingest writer tells about each committed write. */
  public RunObserver observer() {
    return monitor;
  }

  /**
   * Judges runs reported directly rather than found in committed spans: the same path ingest feeds, minus reading
   * spans. Returns at once; use {@link #awaitIdle} to wait for the alerts.
   */
  public void observe(List<RunSample> finished, List<RunTokens> tokenTotals) {
    monitor.observe(finished, tokenTotals);
  }

  /** Waits until everything reported so far was judged and its alerts stored. */
  public boolean awaitIdle(Duration timeout) throws InterruptedException {
    return monitor.awaitIdle(timeout);
  }

  @Override
  public void close() {
    monitor.close();
  }
}
