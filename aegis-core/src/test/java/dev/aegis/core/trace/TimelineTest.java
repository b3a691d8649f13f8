package dev.aegis.core.trace;

import static dev.aegis.core.trace.Spans.event;
import static dev.aegis.core.trace.Spans.span;
import static dev.aegis.core.trace.Spans.tool;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aegis.core.telemetry.RunEvent;
import dev.aegis.core.telemetry.SpanCategory;
import dev.aegis.core.telemetry.SpanEvent;
import dev.aegis.core.telemetry.SpanStatus;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TimelineTest {
  @Test
  void listsStartsEventsAndEndsInTimeOrder() {
    var root = span("a", null, 0, 100);
    var llm = span("b", "a", 10, 40, SpanCategory.LLM, SpanStatus.OK,
        Map.of("gen_ai.request.model", "gpt-4o", "gen_ai.usage.input_tokens", 812L,
            "gen_ai.usage.output_tokens", 96L),
        List.of(new SpanEvent(Spans.T0 + 20 * Spans.MS, RunEvent.STATE_TRANSITION, Map.of()),
            new SpanEvent(Spans.T0 + 25 * Spans.MS, "retry", Map.of("attempt", 2L))));
    var call = span("c", "a", 50, 60, SpanCategory.TOOL, SpanStatus.ERROR, Map.of(),
        List.of(new SpanEvent(Spans.T0 + 55 * Spans.MS, "exception",
            Map.of("exception.type", "IOException", "exception.message", "reset"))));
    var transition = event("b", 0, 20, RunEvent.STATE_TRANSITION,
        Map.of("from", "plan", "to", "act", "reason", "context ready"));
    var decision = event("a", 0, 45, RunEvent.POLICY_DECISION,
        Map.of("outcome", "allow", "action", "write:summaries", "policy", "p1"));

    List<TimelineEntry> entries = Timeline.of(List.of(root, llm, call),
        List.of(tool("c", "crm.lookup", 503, 50)), List.of(), List.of(decision, transition));

    assertThat(entries).extracting(e -> e.type().wireName() + " " + e.spanId() + " " + e.summary()).containsExactly(
        "span_start a op-a started",
        "llm_call b op-b (gpt-4o): 812 in / 96 out tokens",
        "state_transition b state plan -> act (context ready)",
        "event b retry in op-b",
        "span_end b op-b ended ok after 30 ms",
        "policy_decision a policy decision: allow for write:summaries by p1",
        "tool_call c crm.lookup POST https://api.example/v1 -> 503 in 12 ms",
        "error c exception in op-c: IOException reset",
        "error c op-c failed after 10 ms with 503: boom",
        "span_end a op-a ended ok after 100 ms");
    assertThat(entries.get(1).details()).containsEntry("model", "gpt-4o").containsEntry("input_tokens", 812L);
    assertThat(entries.get(6).details()).containsEntry("status_code", 503).containsEntry("error", true);
    assertThat(entries.get(8).details()).containsEntry("status_message", "boom").containsEntry("duration_ms", 10.0);
  }

  @Test
  void atTheSameInstantStartsComeBeforeEventsAndEventsBeforeEnds() {
    var first = span("a", null, 0, 10);
    var second = span("b", null, 10, 10);
    var mark = event("a", 0, 10, RunEvent.FALLBACK, Map.of("from_model", "x", "to_model", "y"));

    List<TimelineEntry> entries = Timeline.of(List.of(first, second), List.of(), List.of(), List.of(mark));

    assertThat(entries).extracting(e -> e.type().wireName() + " " + e.spanId()).containsExactly(
        "span_start a", "span_start b", "fallback a", "span_end a", "span_end b");
    assertThat(entries.get(2).summary()).isEqualTo("fallback x -> y");
  }

  @Test
  void describesApprovalRequestsAndUnknownControlEvents() {
    var root = span("a", null, 0, 10);
    List<TimelineEntry> entries = Timeline.of(List.of(root), List.of(), List.of(), List.of(
        event("a", 0, 1, RunEvent.APPROVAL_REQUESTED, Map.of("action", "refund", "approver", "finance")),
        event("a", 1, 2, "aegis.custom_thing", Map.of())));

    assertThat(entries.get(1).summary()).isEqualTo("approval requested for refund from finance");
    assertThat(entries.get(2).type()).isEqualTo(TimelineType.EVENT);
    assertThat(entries.get(2).summary()).isEqualTo("aegis.custom_thing");
  }

  @Test
  void formatsDurations() {
    assertThat(Durations.format(850_000)).isEqualTo("850 us");
    assertThat(Durations.format(120_000_000)).isEqualTo("120 ms");
    assertThat(Durations.format(2_440_000_000L)).isEqualTo("2.4 s");
    assertThat(Durations.format(45_000_000_000L)).isEqualTo("45 s");
    assertThat(Durations.format(185_000_000_000L)).isEqualTo("3 min 5 s");
    assertThat(Durations.millis(1_234_567)).isEqualTo(1.235);
  }
}
