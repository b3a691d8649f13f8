package dev.aegis.core.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class RunDeltaTest {
  private static RunDelta delta(String run, String agent, String stage, long start, long end, long tokens,
      long errors, Set<String> models) {
    return new RunDelta("t", run, "trace", null, agent, null, null, "triage", stage, "svc", null, null, null, start,
        end, tokens, tokens / 2, 1, 1, errors, 0, new TreeSet<>(models));
  }

  @Test
  void sumAddsUpAsPlusDoesInOrder() {
    List<RunDelta> deltas = List.of(
        delta("r", null, "plan", 50, 60, 10, 0, Set.of("gpt-4o")),
        delta("r", "agent-1", "act", 40, 55, 20, 1, Set.of()),
        delta("r", "agent-2", null, 70, 90, 30, 0, Set.of("claude", "gpt-4o")));

    RunDelta summed = RunDelta.sum(deltas);

    assertThat(summed).isEqualTo(deltas.get(0).plus(deltas.get(1)).plus(deltas.get(2)));
    assertThat(summed.agentId()).isEqualTo("agent-1");
    assertThat(summed.stage()).isEqualTo("plan");
    assertThat(summed.startUnixNanos()).isEqualTo(40);
    assertThat(summed.endUnixNanos()).isEqualTo(90);
    assertThat(summed.inputTokens()).isEqualTo(60);
    assertThat(summed.spanCount()).isEqualTo(3);
    assertThat(summed.errorCount()).isEqualTo(1);
    assertThat(summed.models()).containsExactly("claude", "gpt-4o");
    assertThat(RunDelta.sum(List.of(deltas.get(1)))).isSameAs(deltas.get(1));
  }

  @Test
  void sumRefusesDeltasOfDifferentRuns() {
    assertThatThrownBy(() -> RunDelta.sum(List.of(delta("a", null, null, 1, 2, 0, 0, Set.of()),
        delta("b", null, null, 1, 2, 0, 0, Set.of())))).isInstanceOf(IllegalArgumentException.class);
  }
}
