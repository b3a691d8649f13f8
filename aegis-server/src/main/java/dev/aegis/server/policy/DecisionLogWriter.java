package dev.aegis.server.policy;

import dev.aegis.core.policy.DecisionLog;
import dev.aegis.core.policy.DecisionRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes decision records in groups: callers queue a record and wait for the transaction that holds it, and one
 * thread commits everything waiting at once, so that thousands of decisions a second cost a few commits. The queue is
 * bounded; when it is full the caller learns it at once (and the route answers 503), never by waiting.
 */
final class DecisionLogWriter implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DecisionLogWriter.class);
  static final int MAX_QUEUED = 20_000;
  private static final int MAX_BATCH = 2_000;

  private final DecisionLog log;
  private final BlockingQueue<Pending> queue = new ArrayBlockingQueue<>(MAX_QUEUED);
  private final Thread writer;
  private volatile boolean closed;

  DecisionLogWriter(DecisionLog log) {
    this.log = log;
    this.writer = Thread.ofPlatform().name("aegis-decision-log").daemon(true).start(this::run);
  }

  /** Queues the records; the future completes once they are committed, or exceptionally; null when full. */
  CompletableFuture<Void> offer(List<DecisionRecord> records) {
    if (closed) {
      return null;
    }
    Pending pending = new Pending(records, new CompletableFuture<>());
    return queue.offer(pending) ? pending.done() : null;
  }

  private void run() {
    List<Pending> group = new ArrayList<>();
    while (!closed || !queue.isEmpty()) {
      try {
        Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        group.add(first);
        int records = first.records().size();
        Pending next;
        while (records < MAX_BATCH && (next = queue.poll()) != null) {
          group.add(next);
          records += next.records().size();
        }
        write(group);
      } catch (InterruptedException e) {
        return;
      } finally {
        group.clear();
      }
    }
  }

  private void write(List<Pending> group) {
    List<DecisionRecord> all = new ArrayList<>();
    group.forEach(p -> all.addAll(p.records()));
    try {
      log.append(all);
      group.forEach(p -> p.done().complete(null));
    } catch (RuntimeException | Error e) {
      LOG.warn("Writing {} decisions to the decision log failed", all.size(), e);
      group.forEach(p -> p.done().completeExceptionally(e));
    }
  }

  /** Refuses new records, writes what is queued, and waits for the writer. */
  @Override
  public void close() {
    closed = true;
    try {
      writer.join(30_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    // anything queued after the writer's last look is answered, not left waiting
    Pending left;
    while ((left = queue.poll()) != null) {
      left.done().completeExceptionally(new IllegalStateException("the server is stopping"));
    }
  }

  private record Pending(List<DecisionRecord> records, CompletableFuture<Void> done) {}
}
