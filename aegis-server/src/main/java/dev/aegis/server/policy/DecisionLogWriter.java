package dev.aegis.server.policy;

import dev.aegis.core.policy.DecisionLog;
import dev.aegis.core.policy.DecisionRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes decision records in groups: callers queue records and go on, and one thread commits everything waiting at
 * once, so that thousands of decisions a second cost a few commits. The queue is bounded; when it is full the caller
 * learns it at once (and the route answers 503), never by waiting. A group the store refuses is logged and dropped:
 * the queue then fills and new decisions are refused until the store answers again.
 */
final class DecisionLogWriter implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DecisionLogWriter.class);
  static final int MAX_QUEUED = 20_000;
  private static final int MAX_BATCH = 2_000;

  private final DecisionLog log;
  private final BlockingQueue<Pending> queue = new ArrayBlockingQueue<>(MAX_QUEUED);
  private final Thread writer;
  private volatile boolean closed;
  /** Records accepted by {@link #offer} and records written (or given up on), for read-your-writes. */
  private final java.util.concurrent.atomic.AtomicLong accepted = new java.util.concurrent.atomic.AtomicLong();
  private long done;

  DecisionLogWriter(DecisionLog log) {
    this.log = log;
    this.writer = Thread.ofPlatform().name("aegis-decision-log").daemon(true).start(this::run);
  }

  /** Queues the records for the next group; false, with nothing queued, when the queue is full or closed. */
  boolean offer(List<DecisionRecord> records) {
    // counted before queueing, so that a flush that starts after this call returns also waits for these records
    accepted.addAndGet(records.size());
    if (!closed && queue.offer(new Pending(records))) {
      return true;
    }
    finished(records.size());
    return false;
  }

  /**
   * Waits (up to {@code timeoutMillis}) until every record offered before this call is written: reads of the log on
   * this server then see every decision it answered before them.
   */
  void flush(long timeoutMillis) throws InterruptedException {
    long target = accepted.get();
    long deadline = System.currentTimeMillis() + timeoutMillis;
    synchronized (this) {
      while (done < target && !closed) {
        long left = deadline - System.currentTimeMillis();
        if (left <= 0) {
          return;
        }
        wait(left);
      }
    }
  }

  private synchronized void finished(int records) {
    done += records;
    notifyAll();
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
      append(all);
    } finally {
      finished(all.size());
    }
  }

  private void append(List<DecisionRecord> all) {
    while (true) {
      try {
        log.append(all);
        return;
      } catch (RuntimeException e) {
        // keep the group and retry: meanwhile the queue fills and new decisions are refused (fail closed)
        LOG.warn("Writing {} decisions to the decision log failed; retrying in 1 s", all.size(), e);
        if (closed) {
          LOG.error("The server is stopping; {} decisions are not in the decision log", all.size());
          return;
        }
        try {
          Thread.sleep(1000);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          return;
        }
      }
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
    if (!queue.isEmpty()) {
      LOG.error("The decision log writer stopped with {} groups of decisions unwritten", queue.size());
    }
  }

  private record Pending(List<DecisionRecord> records) {}
}
