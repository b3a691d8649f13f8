package dev.aegis.core.taskbudget;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The limits one tenant sets for one task type: tokens per run, p95 latency and error rate over a sliding window.
 * A null limit is not checked; at least one is set.
 *
 * @param tenantId the tenant
 * @param taskType the task type the limits apply to, as agents report it in {@code task.type}
 * @param maxTokensPerRun most tokens one run may use, or null
 * @param p95LatencyMs most milliseconds the 95th percentile of run durations may be, or null
 * @param maxErrorRate highest share of runs (0 to 1) that may end in error, or null
 * @param window how far back latency and error rate look
 * @param minSamples fewest runs in the window before latency and error rate are judged, so one slow run never fires
 */
public record TaskBudget(
    String tenantId,
    String taskType,
    Long maxTokensPerRun,
    Long p95LatencyMs,
    Double maxErrorRate,
    Duration window,
    int minSamples,
    Instant createdAt,
    Instant updatedAt) {
  public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(15);
  public static final int DEFAULT_MIN_SAMPLES = 20;
  public static final Duration MIN_WINDOW = Duration.ofMinutes(1);
  public static final Duration MAX_WINDOW = Duration.ofHours(24);
  public static final int MAX_MIN_SAMPLES = 10_000;
  /** A trillion: far above any run, and a bound that reads well in error messages. */
  public static final long MAX_TOKENS_PER_RUN = 1_000_000_000_000L;
  /** The highest latency limit, and the highest duration a window tells apart from longer ones. */
  public static final long MAX_LATENCY_MS = MAX_WINDOW.toMillis();
  public static final int MAX_TASK_TYPE_LENGTH = 128;

  private static final Pattern TASK_TYPE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");
  private static final Pattern WINDOW_TEXT = Pattern.compile("([1-9][0-9]{0,5})([smh])");

  public TaskBudget {
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(window, "window");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
    if (!isValidTaskType(taskType)) {
      throw new IllegalArgumentException("not a valid task type: " + taskType);
    }
    if (maxTokensPerRun == null && p95LatencyMs == null && maxErrorRate == null) {
      throw new IllegalArgumentException("a task budget sets at least one limit");
    }
    if (maxTokensPerRun != null && (maxTokensPerRun < 1 || maxTokensPerRun > MAX_TOKENS_PER_RUN)) {
      throw new IllegalArgumentException("maxTokensPerRun must be from 1 to " + MAX_TOKENS_PER_RUN);
    }
    if (p95LatencyMs != null && (p95LatencyMs < 1 || p95LatencyMs > MAX_LATENCY_MS)) {
      throw new IllegalArgumentException("p95LatencyMs must be from 1 to " + MAX_LATENCY_MS);
    }
    if (maxErrorRate != null && !(maxErrorRate >= 0 && maxErrorRate <= 1)) {
      throw new IllegalArgumentException("maxErrorRate must be from 0 to 1");
    }
    if (!isValidWindow(window)) {
      throw new IllegalArgumentException("window must be whole seconds from 1m to 24h");
    }
    if (minSamples < 1 || minSamples > MAX_MIN_SAMPLES) {
      throw new IllegalArgumentException("minSamples must be from 1 to " + MAX_MIN_SAMPLES);
    }
  }

  /** Whether the budget limits latency or error rate, which need a window of recent runs. */
  public boolean limitsWindow() {
    return p95LatencyMs != null || maxErrorRate != null;
  }

  /** Whether this budget checks the given kind. */
  public boolean limits(BudgetKind kind) {
    return switch (kind) {
      case TOKENS_PER_RUN -> maxTokensPerRun != null;
      case LATENCY_P95 -> p95LatencyMs != null;
      case ERROR_RATE -> maxErrorRate != null;
    };
  }

  /** Task types are 1 to 128 letters, digits and {@code . _ : -}, starting with a letter or digit. */
  public static boolean isValidTaskType(String taskType) {
    return taskType != null && TASK_TYPE.matcher(taskType).matches();
  }

  public static boolean isValidWindow(Duration window) {
    return window != null && window.getNano() == 0 && window.compareTo(MIN_WINDOW) >= 0
        && window.compareTo(MAX_WINDOW) <= 0;
  }

  /** Parses {@code 90s}, {@code 15m} or {@code 1h}; empty when the text is not such a duration. */
  public static Optional<Duration> parseWindow(String text) {
    if (text == null) {
      return Optional.empty();
    }
    Matcher m = WINDOW_TEXT.matcher(text);
    if (!m.matches()) {
      return Optional.empty();
    }
    long amount = Long.parseLong(m.group(1));
    return Optional.of(switch (m.group(2)) {
      case "s" -> Duration.ofSeconds(amount);
      case "m" -> Duration.ofMinutes(amount);
      default -> Duration.ofHours(amount);
    });
  }

  /** The shortest text {@link #parseWindow} reads back as this duration: {@code 1h}, {@code 15m}, {@code 90s}. */
  public static String formatWindow(Duration window) {
    long seconds = window.getSeconds();
    if (seconds % 3600 == 0) {
      return seconds / 3600 + "h";
    }
    if (seconds % 60 == 0) {
      return seconds / 60 + "m";
    }
    return seconds + "s";
  }
}
