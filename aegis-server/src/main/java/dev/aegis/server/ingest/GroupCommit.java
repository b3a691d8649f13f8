package dev.aegis.server.ingest;

import dev.aegis.core.telemetry.SpanBatch;
import dev.aegis.core.telemetry.TelemetryStore;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bounded queue in front of the telemetry store and the one thread that drains it. The writer takes everything
 * waiting (up to a batch limit) and writes it in one transaction, then completes each request's future: so a
 * request's answer waits for its commit, and concurrent requests share one commit. The queue is bounded by the
 * number of spans in it; a batch that does not fit is refused at once, never held.
 */
final class GroupCommit implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(GroupCommit.class);

  private final TelemetryStore store;
  private final int maxQueuedSpans;
  private final int maxBatchSpans;
  private final IngestMetrics metrics;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition notEmpty = lock.newCondition();
  private final ArrayDeque<Pending> queue = new ArrayDeque<>();
  private final Thread writer;
  private long queuedSpans;
  private boolean closed;

  GroupCommit(TelemetryStore store, int maxQueuedSpans, int maxBatchSpans, IngestMetrics metrics) {
    this.store = store;
    this.maxQueuedSpans = maxQueuedSpans;
    this.maxBatchSpans = maxBatchSpans;
    this.metrics = metrics;
    metrics.queueDepth(this::queuedSpans);
    this.writer = Thread.ofPlatform().name("aegis-span-writer").daemon(true).start(this::run);
  }

  /**
   * Queues a batch; the future completes with how many of its spans were new once they are committed, or
   * exceptionally when the write failed. Empty when the queue has no room (or is closed): nothing was queued.
   */
  java.util.Optional<CompletableFuture<Integer>> offer(SpanBatch batch) {
    lock.lock();
    try {
      if (closed || queuedSpans + batch.size() > maxQueuedSpans) {
        return java.util.Optional.empty();
      }
      Pending pending = new Pending(batch, new CompletableFuture<>());
      queue.add(pending);
      queuedSpans += batch.size();
      notEmpty.signal();
      return java.util.Optional.of(pending.done());
    } finally {
      lock.unlock();
    }
  }

  long queuedSpans() {
    lock.lock();
    try {
      return queuedSpans;
    } finally {
      lock.unlock();
    }
  }

  int maxQueuedSpans() {
    return maxQueuedSpans;
  }

  private void run() {
    while (true) {
      List<Pending> group;
      try {
        group = takeGroup();
      } catch (InterruptedException e) {
        return;
      }
      if (group == null) {
        return;
      }
      write(group);
    }
  }

  /** Waits for work, then takes every waiting batch up to the batch limit (at least one); null once closed. */
  private List<Pending> takeGroup() throws InterruptedException {
    lock.lock();
    try {
      while (queue.isEmpty()) {
        if (closed) {
          return null;
        }
        notEmpty.await();
      }
      List<Pending> group = new ArrayList<>();
      int spans = 0;
      while (!queue.isEmpty() && (group.isEmpty() || spans + queue.peek().batch().size() <= maxBatchSpans)) {
        Pending next = queue.poll();
        group.add(next);
        spans += next.batch().size();
      }
      return group;
    } finally {
      lock.unlock();
    }
  }

  private void write(List<Pending> group) {
    List<SpanBatch> batches = group.stream().map(Pending::batch).toList();
    int spans = batches.stream().mapToInt(SpanBatch::size).sum();
    long started = System.nanoTime();
    try {
      store.write(batches);
      metrics.committed(spans, System.nanoTime() - started);
      for (Pending pending : group) {
        pending.done().complete(pending.batch().size());
      }
    } catch (RuntimeException | Error e) {
      // an Error too: a writer that died would leave every waiting request hanging
      LOG.warn("Writing {} spans of {} requests failed; they are answered 503", spans, group.size(), e);
      metrics.writeFailed(spans);
      group.forEach(p -> p.done().completeExceptionally(e));
    } finally {
      lock.lock();
      try {
        queuedSpans -= spans;
      } finally {
        lock.unlock();
      }
    }
  }

  /** Refuses new batches, lets the writer finish what is queued, and waits for it. */
  @Override
  public void close() {
    lock.lock();
    try {
      closed = true;
      notEmpty.signalAll();
    } finally {
      lock.unlock();
    }
    try {
      writer.join(30_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private record Pending(SpanBatch batch, CompletableFuture<Integer> done) {}
}
