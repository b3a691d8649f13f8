package dev.aegis.core.taskbudget;

import dev.aegis.core.telemetry.SpanBatch;
import java.util.List;

/**
 * Told what the ingest path committed, right after each write transaction. Implementations must return at once and
 * must not throw: ingest never waits for, or fails because of, what observers do with the news.
 */
@FunctionalInterface
public interface RunObserver {
  /** An observer that ignores everything. */
  RunObserver NONE = batches -> {};

  /**
   * @param batches what one transaction wrote; spans that were already stored are in them too (the store skipped
   *     them, and they added nothing to their runs)
   */
  void spansCommitted(List<SpanBatch> batches);
}
