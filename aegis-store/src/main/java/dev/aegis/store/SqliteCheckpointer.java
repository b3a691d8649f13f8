package dev.aegis.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies SQLite's WAL into the database on a thread of its own, so that the ingest writer does not: after a write,
 * at most every {@link #PERIOD_MILLIS}, a {@code PASSIVE} checkpoint copies what is committed and syncs the
 * database file, and never blocks the writer or a reader. The connections' own automatic checkpoint stays on as
 * the backstop: it runs when the WAL passes its size, then finds most of it already copied, and it is what lets the
 * WAL start over under continuous load. Durability does not depend on checkpoints: a commit is synced in the WAL.
 */
final class SqliteCheckpointer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SqliteCheckpointer.class);
  static final long PERIOD_MILLIS = 250;

  private final DataSource dataSource;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition written = lock.newCondition();
  private final Thread thread;
  private boolean pending;
  private boolean closed;

  SqliteCheckpointer(DataSource dataSource) {
    this.dataSource = dataSource;
    this.thread = Thread.ofPlatform().name("aegis-sqlite-checkpoint").daemon(true).start(this::run);
  }

  /** Says that a transaction committed; returns at once. */
  void committed() {
    lock.lock();
    try {
      pending = true;
      written.signal();
    } finally {
      lock.unlock();
    }
  }

  private void run() {
    while (awaitWork()) {
      try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
        s.execute("PRAGMA wal_checkpoint(PASSIVE)");
      } catch (SQLException | RuntimeException e) {
        // the writer's own automatic checkpoint still bounds the WAL; try again after the next write
        LOG.debug("A background WAL checkpoint failed: {}", e.getMessage());
      }
      try {
        Thread.sleep(PERIOD_MILLIS);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** Waits until something was committed since the last checkpoint; false once closed. */
  private boolean awaitWork() {
    lock.lock();
    try {
      while (!pending && !closed) {
        written.await(1, TimeUnit.SECONDS);
      }
      pending = false;
      return !closed;
    } catch (InterruptedException e) {
      return false;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void close() {
    lock.lock();
    try {
      closed = true;
      written.signalAll();
    } finally {
      lock.unlock();
    }
    thread.interrupt();
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
