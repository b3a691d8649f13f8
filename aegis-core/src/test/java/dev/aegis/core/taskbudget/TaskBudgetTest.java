package dev.aegis.core.taskbudget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TaskBudgetTest {
  private static final Instant T0 = Instant.parse("2026-11-24T12:00:00Z");

  @Test
  void windowsReadAndPrintInTheirShortestForm() {
    assertThat(TaskBudget.parseWindow("15m")).contains(Duration.ofMinutes(15));
    assertThat(TaskBudget.parseWindow("90s")).contains(Duration.ofSeconds(90));
    assertThat(TaskBudget.parseWindow("2h")).contains(Duration.ofHours(2));
    for (String bad : new String[] {"", "15", "15min", "0m", "-5m", "1.5h", "PT15M", "15M", " 15m", "1d"}) {
      assertThat(TaskBudget.parseWindow(bad)).as(bad).isEmpty();
    }
    assertThat(TaskBudget.formatWindow(Duration.ofMinutes(15))).isEqualTo("15m");
    assertThat(TaskBudget.formatWindow(Duration.ofMinutes(120))).isEqualTo("2h");
    assertThat(TaskBudget.formatWindow(Duration.ofSeconds(90))).isEqualTo("90s");
  }

  @Test
  void windowsRunFromAMinuteToADay() {
    assertThat(TaskBudget.isValidWindow(Duration.ofMinutes(1))).isTrue();
    assertThat(TaskBudget.isValidWindow(Duration.ofHours(24))).isTrue();
    assertThat(TaskBudget.isValidWindow(Duration.ofSeconds(59))).isFalse();
    assertThat(TaskBudget.isValidWindow(Duration.ofHours(24).plusSeconds(1))).isFalse();
    assertThat(TaskBudget.isValidWindow(Duration.ofMillis(90_500))).isFalse();
  }

  @Test
  void taskTypesAreSafeInPathsAndLabels() {
    assertThat(TaskBudget.isValidTaskType("document-summarize")).isTrue();
    assertThat(TaskBudget.isValidTaskType("billing.refund:v2_x")).isTrue();
    assertThat(TaskBudget.isValidTaskType("a".repeat(128))).isTrue();
    for (String bad : new String[] {"", "-x", "a b", "a/b", "a".repeat(129), "ü", "a\n"}) {
      assertThat(TaskBudget.isValidTaskType(bad)).as(bad).isFalse();
    }
  }

  @Test
  void aBudgetNeedsALimitAndSaneValues() {
    assertThatThrownBy(() -> budget(null, null, null)).hasMessageContaining("at least one limit");
    assertThatThrownBy(() -> budget(0L, null, null)).hasMessageContaining("maxTokensPerRun");
    assertThatThrownBy(() -> budget(null, 0L, null)).hasMessageContaining("p95LatencyMs");
    assertThatThrownBy(() -> budget(null, null, 1.01)).hasMessageContaining("maxErrorRate");
    assertThatThrownBy(() -> budget(null, null, Double.NaN)).hasMessageContaining("maxErrorRate");
    assertThat(budget(null, null, 0.0).limits(BudgetKind.ERROR_RATE)).isTrue();
    assertThat(budget(5L, null, null).limitsWindow()).isFalse();
  }

  private static TaskBudget budget(Long tokens, Long p95, Double rate) {
    return new TaskBudget("ten_a", "t", tokens, p95, rate, TaskBudget.DEFAULT_WINDOW, 20, T0, T0);
  }
}
