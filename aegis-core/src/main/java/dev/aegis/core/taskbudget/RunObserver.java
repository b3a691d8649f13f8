package dev.aegis.core.taskbudget;

import java.util.List;

/**
 * Told about runs after the ingest path has committed their spans. Implementations must return quickly and must
 * not throw: ingest never waits for, or fails because of, what observers do with the news.
 */
public interface RunObserver {
  /** An observer that ignores everything. */
  RunObserver NONE = (finished, tokenTotals) -> {};

  /**
   * @param finished runs whose root span was in the committed batch
   * @param tokenTotals the new token totals of runs whose token-carrying spans were in the batch
   */
  void runsUpdated(List<RunSample> finished, List<RunTokens> tokenTotals);
}
