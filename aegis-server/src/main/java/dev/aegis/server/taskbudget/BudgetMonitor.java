package dev.aegis.server.taskbudget;

import dev.aegis.core.store.StoreException;
import dev.aegis.core.taskbudget.BudgetTransition;
import dev.aegis.core.taskbudget.RunObserver;
import dev.aegis.core.taskbudget.RunSample;
import dev.aegis.core.taskbudget.RunTokens;
import dev.aegis.core.taskbudget.TaskBudgetEvaluator;
import dev.aegis.core.telemetry.SpanBatch;
import dev.aegis.server.alert.AlertRecorder;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the evaluator and runs everything that touches it on one thread, in order: committed spans from ingest,
 * budget changes from the API, and the alerts they cause. Ingest only hands over a reference (never waits, never
 * fails); when the queue is full the news is dropped and counted. Alerts are recorded in the order the evaluator
 * decided them, so a resolution always finds its firing alert.
 */
final class BudgetMonitor implements RunObserver, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(BudgetMonitor.class);
  static final int QUEUE_CAPACITY = 10_000;
  /** Committed spans waiting to be read, at most; past it, news is dropped (and counted) rather than held. */
  static final long MAX_QUEUED_SPANS = 200_000;
  private static final Duration CHANGE_WAIT = Duration.ofSeconds(10);
  private static final long[] RETRY_MILLIS = {200, 1_000, 5_000};

  private final TaskBudgetEvaluator evaluator;
  private final RunFinishes runFinishes;
  private final AlertRecorder recorder;
  private final BlockingQueue<Runnable> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
  private final AtomicLong queuedSpans = new AtomicLong();
  private final long maxQueuedSpans;
  private final Counter dropped;
  private final Counter errors;
  private final Thread worker;
  private volatile boolean closed;

  BudgetMonitor(TaskBudgetEvaluator evaluator, RunFinishes runFinishes, AlertRecorder recorder,
      MeterRegistry registry, long maxQueuedSpans) {
    this.evaluator = evaluator;
    this.maxQueuedSpans = maxQueuedSpans;
    this.runFinishes = runFinishes;
    this.recorder = recorder;
    this.dropped = Counter.builder("aegis.task_budget.dropped")
        .description("Committed writes not judged against task budgets because the monitor was too far behind")
        .register(registry);
    this.errors = Counter.builder("aegis.task_budget.errors")
        .description("Failures while judging runs against task budgets or storing their alerts")
        .register(registry);
    Gauge.builder("aegis.task_budget.tracked", evaluator, TaskBudgetEvaluator::trackedBudgets)
        .description("Task budgets being judged")
        .register(registry);
    this.worker = Thread.ofPlatform().name("aegis-task-budgets").daemon(true).unstarted(this::run);
  }

  void start() {
    worker.start();
  }

  /**
   * Queues the batches of tenants that have budgets (the others are not even queued), bounded by their span count
   * so that a monitor that falls behind never holds more than its bound of spans in memory.
   */
  @Override
  public void spansCommitted(List<SpanBatch> batches) {
    List<SpanBatch> budgeted = batches.stream().filter(b -> evaluator.hasBudgets(b.tenantId())).toList();
    if (budgeted.isEmpty()) {
      return;
    }
    long spans = budgeted.stream().mapToLong(SpanBatch::size).sum();
    if (queuedSpans.addAndGet(spans) > maxQueuedSpans) {
      queuedSpans.addAndGet(-spans);
      dropped.increment();
      return;
    }
    boolean queued = offer(() -> {
      try {
        RunFinishes.Found found = runFinishes.read(budgeted);
        if (!found.isEmpty()) {
          record(evaluator.observe(found.finished(), found.tokenTotals()));
        }
      } finally {
        queuedSpans.addAndGet(-spans);
      }
    });
    if (!queued) {
      queuedSpans.addAndGet(-spans);
    }
  }

  /** Judges runs reported directly, as if the ingest path had found them; never waits. */
  void observe(List<RunSample> finished, List<RunTokens> tokenTotals) {
    offer(() -> record(evaluator.observe(finished, tokenTotals)));
  }

  /** Applies a change to the evaluator on the worker thread and waits until it and its alerts are done. */
  void change(Supplier<List<BudgetTransition>> change) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    Runnable work = () -> {
      try {
        record(change.get());
      } finally {
        done.complete(null);
      }
    };
    try {
      if (!queue.offer(work, CHANGE_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new IllegalStateException("the task budget queue stayed full for " + CHANGE_WAIT);
      }
      done.get(CHANGE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      // the change is queued and will apply; the store already has it
      LOG.warn("A task budget change is taking longer than {} to apply", CHANGE_WAIT);
    }
  }

  /** Committed spans queued and not yet read. */
  long queuedSpans() {
    return queuedSpans.get();
  }

  /** Waits until everything queued so far has been handled; for tests. */
  boolean awaitIdle(Duration timeout) throws InterruptedException {
    CompletableFuture<Void> done = new CompletableFuture<>();
    if (!queue.offer(() -> done.complete(null), timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      return false;
    }
    try {
      done.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (ExecutionException | TimeoutException e) {
      return false;
    }
  }

  private boolean offer(Runnable work) {
    if (closed || !queue.offer(work)) {
      dropped.increment();
      return false;
    }
    return true;
  }

  private void run() {
    while (true) {
      Runnable work;
      try {
        work = queue.poll(100, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        return;
      }
      if (work == null) {
        if (closed) {
          return;
        }
        continue;
      }
      try {
        work.run();
      } catch (RuntimeException e) {
        errors.increment();
        LOG.warn("Judging runs against task budgets failed; ingest is not affected", e);
      }
    }
  }

  private void record(List<BudgetTransition> transitions) {
    for (BudgetTransition transition : transitions) {
      for (int attempt = 0; ; attempt++) {
        try {
          recorder.record(transition);
          break;
        } catch (StoreException e) {
          if (attempt == RETRY_MILLIS.length) {
            errors.increment();
            LOG.error("Could not store the alert '{}' after {} tries; it is lost", transition.message(),
                attempt + 1, e);
            break;
          }
          LOG.warn("Storing an alert failed; trying again in {} ms", RETRY_MILLIS[attempt], e);
          try {
            Thread.sleep(RETRY_MILLIS[attempt]);
          } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return;
          }
        }
      }
    }
  }

  /** Lets the worker finish what is queued (briefly), then stops it. */
  @Override
  public void close() {
    closed = true;
    try {
      worker.join(TimeUnit.SECONDS.toMillis(30));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
