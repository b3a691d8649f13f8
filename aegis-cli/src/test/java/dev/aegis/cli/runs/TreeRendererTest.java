package dev.aegis.cli.runs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aegis.client.Run;
import dev.aegis.client.RunTrace;
import dev.aegis.client.RunTrace.ControlEvent;
import dev.aegis.client.RunTrace.Node;
import dev.aegis.client.RunTrace.ToolCall;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TreeRendererTest {
  static final Instant T0 = Instant.parse("2026-11-24T12:00:00Z");

  static Run run(String id, String agent, String task, String status, double ms, long spans, long errors,
      long in, long out) {
    return new Run(id, "4bf92f3577b34da6a3ce929d0e0e4736", null, agent, null, null, task, null, "agent-runner",
        null, null, null, status, T0, T0.plusMillis((long) ms), ms, in, out, 0, in + out, spans, errors, 2,
        List.of("gpt-4o"));
  }

  static Node node(String id, String parent, String run, String name, String category, double ms, String status,
      String message, Map<String, Object> attributes, ToolCall call, List<ControlEvent> events, List<Node> kids) {
    return new Node(id, parent, "4bf92f3577b34da6a3ce929d0e0e4736", run, name, "internal", category, T0,
        T0.plusMillis((long) ms), ms, status, message, "agent-runner", parent == null ? "root" : "child", attributes,
        List.of(), call, null, events, kids);
  }

  static ToolCall call(String method, String endpoint, int status) {
    return new ToolCall("t", null, endpoint, method, status, 1, null, status >= 400, Map.of(), Map.of());
  }

  static ControlEvent event(String type, Map<String, Object> attributes) {
    return new ControlEvent(T0, type, "aegis." + type, "a", attributes);
  }

  static Map<String, Object> ordered(Object... keyValues) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      out.put((String) keyValues[i], keyValues[i + 1]);
    }
    return out;
  }

  /** A planner run that handed a refund to a worker run, in one trace. */
  static RunTrace plannerTrace() {
    Node lookup = node("b2", "b1", "run-2", "execute_tool crm.lookup", "tool", 120, "unset", null, Map.of(),
        call("GET", "https://crm.example.com/api/customers?email=<EMAIL:1a2b3c4d>", 200), List.of(), List.of());
    Node refund = node("b3", "b1", "run-2", "execute_tool billing.refund", "tool", 60, "error",
        "upstream unavailable", Map.of(), call("POST", "https://billing.example.com/v1/refunds", 503),
        List.of(event("approval_requested", ordered("action", "write:refunds", "reason", "billing down"))),
        List.of());
    Node worker = node("b1", "a1", "run-2", "invoke_agent refund-worker", "agent", 700, "unset", null, Map.of(),
        null, List.of(), List.of(lookup, refund));
    Node chat = node("a2", "a1", "run-1", "chat gpt-4o", "llm", 640, "unset", null,
        ordered("gen_ai.request.model", "gpt-4o", "gen_ai.usage.input_tokens", 1240L,
            "gen_ai.usage.output_tokens", 180L), null, List.of(), List.of());
    Node root = node("a1", null, "run-1", "agent.execute.task", "agent", 1400, "unset", null, Map.of(), null,
        List.of(event("state_transition", ordered("from", "plan", "to", "act"))), List.of(chat, worker));
    return new RunTrace(run("run-1", "planner-3", "ticket-triage", "error", 1400, 5, 1, 1240, 180), "trace",
        "4bf92f3577b34da6a3ce929d0e0e4736", 5, 5, false, 10_000, List.of(root), List.of());
  }

  @Test
  void drawsASmallTreeWithBoxDrawingInEightyColumns() {
    assertThat(TreeRenderer.render(plannerTrace(), 80, Glyphs.UNICODE)).containsExactly(
        "run run-1 (planner-3, ticket-triage)",
        "status ERROR, 1.4 s, 5 spans (1 failed), tokens 1,240 in / 180 out",
        "every span of trace 4bf92f3577b34da6a3ce929d0e0e4736, child runs included",
        "",
        "agent.execute.task                   agent     1.4 s  ok",
        "│  » state_transition: from=plan, to=act",
        "├─ chat gpt-4o                       llm      640 ms  ok",
        "│     gpt-4o, 1,240 in / 180 out tokens",
        "└─ invoke_agent refund-worker        agent    700 ms  ok  run run-2",
        "   ├─ execute_tool crm.lookup        tool     120 ms  ok",
        "   │     GET https://crm.example.com/api/customers?email=<EMAIL:1a2b3c4d> → 200",
        "   └─ ✗ execute_tool billing.refund  tool      60 ms  ERROR",
        "         POST https://billing.example.com/v1/refunds → 503",
        "         error: upstream unavailable",
        "         » approval_requested: action=write:refunds, reason=billing down");
  }

  @Test
  void drawsTheSameTreeInAsciiAndUsesTheWidthItIsGiven() {
    assertThat(TreeRenderer.render(plannerTrace(), 120, Glyphs.ASCII)).containsExactly(
        "run run-1 (planner-3, ticket-triage)",
        "status ERROR, 1.4 s, 5 spans (1 failed), tokens 1,240 in / 180 out",
        "every span of trace 4bf92f3577b34da6a3ce929d0e0e4736, child runs included",
        "",
        "agent.execute.task                   agent     1.4 s  ok",
        "|  > state_transition: from=plan, to=act",
        "|- chat gpt-4o                       llm      640 ms  ok  gpt-4o, 1,240 in / 180 out tokens",
        "`- invoke_agent refund-worker        agent    700 ms  ok  run run-2",
        "   |- execute_tool crm.lookup        tool     120 ms  ok",
        "   |     GET https://crm.example.com/api/customers?email=<EMAIL:1a2b3c4d> -> 200",
        "   `- X execute_tool billing.refund  tool      60 ms  ERROR  POST https://billing.example.com/v1/refunds -> 503",
        "         error: upstream unavailable",
        "         > approval_requested: action=write:refunds, reason=billing down");
  }

  @Test
  void aNarrowTerminalCutsNamesWrapsDetailsAndKeepsTheColumns() {
    List<String> lines = TreeRenderer.render(plannerTrace(), 50, Glyphs.UNICODE);

    assertThat(lines).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(50));
    assertThat(lines.subList(4, lines.size())).containsExactly(
        "agent.execute.task          agent     1.4 s  ok",
        "│  » state_transition: from=plan, to=act",
        "├─ chat gpt-4o              llm      640 ms  ok",
        "│     gpt-4o, 1,240 in / 180 out tokens",
        "└─ invoke_agent refund-...  agent    700 ms  ok",
        "   │  run run-2",
        "   ├─ execute_tool crm....  tool     120 ms  ok",
        "   │     GET https://crm.example.com/api/custom...",
        "   │       → 200",
        "   └─ ✗ execute_tool bi...  tool      60 ms  ERROR",
        "         POST",
        "           https://billing.example.com/v1/refunds",
        "           → 503",
        "         error: upstream unavailable",
        "         » approval_requested:",
        "           action=write:refunds, reason=billing",
        "           down");
  }

  @Test
  void saysWhySpansWithAParentAreAtTheTopAndWhenSpansWereLeftOut() {
    Node orphan = new Node("c1", "ffffffffffffffff", "4bf92f3577b34da6a3ce929d0e0e4736", "run-2", "handle", "internal",
        "other", T0, T0.plusMillis(3), 3.25, "unset", null, null, "orphan", Map.of(), List.of(), null, null,
        List.of(), List.of());
    Node continued = new Node("c2", "eeeeeeeeeeeeeeee", "4bf92f3577b34da6a3ce929d0e0e4736", "run-2", "deeper",
        "internal", "other", T0, T0, 0.0, "unset", null, null, "continued", Map.of(), List.of(), null, null,
        List.of(), List.of());
    RunTrace trace = new RunTrace(run("run-2", null, null, "ok", 3, 80, 0, 0, 0), "run",
        "4bf92f3577b34da6a3ce929d0e0e4736", 2, 80, true, 2, List.of(orphan, continued),
        List.of(event("policy_decision", ordered("outcome", "deny"))));

    assertThat(TreeRenderer.render(trace, 80, Glyphs.ASCII)).containsExactly(
        "run run-2",
        "status ok, 3.0 ms, 80 spans",
        "showing the first 2 of 80 spans (the server's query.max_trace_spans)",
        "",
        "handle  other    3.3 ms  ok",
        "   (its parent span ffffffffffffffff is not in this run; --scope trace shows the",
        "     whole trace)",
        "deeper  other    0.0 ms  ok",
        "   (continued from span eeeeeeeeeeeeeeee: trees nest at most 100 levels)",
        "",
        "control events without a span in this tree:",
        "  > policy_decision: outcome=deny");
  }

  @Test
  void boxDrawingOnlyWhereTheLocaleIsUtf8() {
    assertThat(Glyphs.forTerminal(Map.of("LANG", "C.UTF-8"), false)).isEqualTo(Glyphs.UNICODE);
    assertThat(Glyphs.forTerminal(Map.of("LANG", "en_US.utf8"), false)).isEqualTo(Glyphs.UNICODE);
    assertThat(Glyphs.forTerminal(Map.of("LC_ALL", "C", "LANG", "en_US.UTF-8"), false)).isEqualTo(Glyphs.ASCII);
    assertThat(Glyphs.forTerminal(Map.of("LANG", "C.UTF-8"), true)).isEqualTo(Glyphs.ASCII);
    assertThat(Glyphs.forTerminal(Map.of(), false)).isEqualTo(Glyphs.ASCII);
  }

  @Test
  void formatsDurationsAndCounts() {
    assertThat(RunFormats.duration(0.25)).isEqualTo("0.3 ms");
    assertThat(RunFormats.duration(12.4)).isEqualTo("12 ms");
    assertThat(RunFormats.duration(999.4)).isEqualTo("999 ms");
    assertThat(RunFormats.duration(1_400)).isEqualTo("1.4 s");
    assertThat(RunFormats.duration(185_000)).isEqualTo("3m05s");
    assertThat(RunFormats.count(1_234_567)).isEqualTo("1,234,567");
  }
}
