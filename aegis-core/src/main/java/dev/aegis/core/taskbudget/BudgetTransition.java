package dev.aegis.core.taskbudget;

import java.time.Duration;
import java.time.Instant;

/**
 * A change of a task budget's state that deserves an alert: a limit was crossed, or a crossed limit recovered.
 * The evaluator returns these as values; storing and sending them is the caller's business.
 */
public sealed interface BudgetTransition {
  String tenantId();

  String taskType();

  BudgetKind kind();

  /** The run that went over, for {@link BudgetKind#TOKENS_PER_RUN}; null for windowed kinds. */
  String runId();

  /** The measured value (tokens, milliseconds, or a rate from 0 to 1), or null when there was nothing to measure. */
  Double observed();

  /** The limit it was compared with. */
  double threshold();

  /** The window the value was measured over, or null for {@link BudgetKind#TOKENS_PER_RUN}. */
  Duration window();

  /** How many runs the value was measured over (1 for a single run). */
  long samples();

  Instant at();

  /** One sentence for people: what happened, with the numbers. */
  String message();

  /** A limit was crossed. */
  record Fired(
      String tenantId, String taskType, BudgetKind kind, String runId, Double observed, double threshold,
      Duration window, long samples, Instant at, String message) implements BudgetTransition {}

  /** A crossed windowed limit is back within budget, or no longer applies. */
  record Resolved(
      String tenantId, String taskType, BudgetKind kind, Double observed, double threshold, Duration window,
      long samples, Instant at, String message) implements BudgetTransition {
    @Override
    public String runId() {
      return null;
    }
  }
}
