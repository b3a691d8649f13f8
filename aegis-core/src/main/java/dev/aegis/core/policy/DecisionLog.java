package dev.aegis.core.policy;

import dev.aegis.core.page.Page;
import dev.aegis.core.page.PageRequest;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** Keeps the decisions worth keeping (every deny, approval and rate limit, and sampled allows), per tenant. */
public interface DecisionLog {
  /** The most rows a list read returns, whatever limit is asked for. */
  int MAX_LIST = 10_000;

  /**
   * Stores the decisions in one transaction: all of them or none. A decision whose id is already stored is
   * skipped, so a retried batch stores nothing twice.
   *
   * @return how many were new
   */
  int append(List<DecisionRecord> decisions);

  /** The decision with this id, only if it belongs to this tenant. */
  Optional<DecisionRecord> find(String tenantId, String decisionId);

  /**
   * A tenant's decisions that match the query, newest first; {@code nextAfterId} is a {@link DecisionCursor} text.
   *
   * @throws IllegalArgumentException when {@code afterId} is not a {@link DecisionCursor} text
   */
  Page<DecisionRecord> query(String tenantId, DecisionQuery query, PageRequest page);

  /** A run's decisions in the order they were made, at most {@code limit} (capped at {@link #MAX_LIST}). */
  List<DecisionRecord> byRun(String tenantId, String runId, int limit);

  /**
   * Hands the tenant's decisions made at or after {@code since} to {@code consumer}, oldest first, at most
   * {@code limit}, without holding them all in memory: the inputs {@code policy simulate} replays.
   *
   * @return how many were handed over
   */
  int inputsSince(String tenantId, Instant since, int limit, Consumer<DecisionRecord> consumer);

  /**
   * Deletes decisions made before {@code cutoff}, in short transactions.
   *
   * @param tenantId the tenant whose decisions go, or null for every tenant
   * @return how many were deleted
   */
  int purgeOlderThan(String tenantId, Instant cutoff);
}
