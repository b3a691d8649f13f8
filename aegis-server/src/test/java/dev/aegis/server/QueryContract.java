package dev.aegis.server;

import static dev.aegis.server.Fleet.attr;
import static dev.aegis.server.Fleet.event;
import static dev.aegis.server.Fleet.span;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aegis.core.telemetry.RunEvent;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.proto.trace.v1.Span;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The trace-first query end to end: runs are sent through the real OTLP path (the OpenTelemetry SDK, or protobuf
 * built by hand where ids and parents must be chosen), then read back over HTTP. Run once per database.
 */
abstract class QueryContract {
  @TempDir Path dataDir;
  TestServer api;
  String agentKey;
  String operatorKey;
  Fleet fleet;

  abstract Map<String, String> databaseSettings();

  @BeforeEach
  void startServer() {
    Map<String, String> settings = new HashMap<>(databaseSettings());
    settings.put("telemetry.purge_interval", "0"); // the runs are dated; nothing may purge them mid-test
    api = TestServer.start(dataDir, settings);
    api.createTenant("acme");
    agentKey = api.createKey("acme", "agent", "agent").path("secret").asText();
    operatorKey = api.createKey("acme", "on-call", "operator").path("secret").asText();
    fleet = new Fleet(api, agentKey);
  }

  @AfterEach
  void stopServer() {
    api.close();
  }

  JsonNode get(String path) {
    return api.get(path, operatorKey).assertStatus(200).json();
  }

  static List<String> ids(JsonNode items, String field) {
    List<String> out = new ArrayList<>();
    items.forEach(item -> out.add(item.path(field).asText()));
    return out;
  }

  static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  @Test
  void listsRunsNewestFirstAndFiltersThem() {
    fleet.run("r-a", "agent-a", "summarize", 0, null, "gpt-4o", false);
    fleet.run("r-b", "agent-b", "classify", 10, null, null, true);
    fleet.run("r-c", "agent-a", "classify", 20, null, "claude-sonnet", false);
    fleet.run("r-d", "agent-c", "summarize", 30, null, "gpt-4o", true);

    assertThat(ids(get("/api/v1/runs").path("items"), "run_id")).containsExactly("r-d", "r-c", "r-b", "r-a");
    assertThat(ids(get("/api/v1/runs?agent_id=agent-a").path("items"), "run_id")).containsExactly("r-c", "r-a");
    assertThat(ids(get("/api/v1/runs?task_type=classify").path("items"), "run_id")).containsExactly("r-c", "r-b");
    assertThat(ids(get("/api/v1/runs?status=error").path("items"), "run_id")).containsExactly("r-d", "r-b");
    assertThat(ids(get("/api/v1/runs?status=ok").path("items"), "run_id")).containsExactly("r-c", "r-a");
    assertThat(ids(get("/api/v1/runs?has_error=true").path("items"), "run_id")).containsExactly("r-d", "r-b");
    assertThat(ids(get("/api/v1/runs?has_error=false").path("items"), "run_id")).containsExactly("r-c", "r-a");
    assertThat(ids(get("/api/v1/runs?model=gpt-4o").path("items"), "run_id")).containsExactly("r-d", "r-a");
    assertThat(ids(get("/api/v1/runs?since=2026-11-24T12:00:00.010Z&until=2026-11-24T12:00:00.030Z")
        .path("items"), "run_id")).containsExactly("r-c", "r-b");
    assertThat(ids(get("/api/v1/runs?since=" + encode("2026-11-24T13:00:00.020+01:00")).path("items"), "run_id"))
        .as("an offset is honoured").containsExactly("r-d", "r-c");
    assertThat(ids(get("/api/v1/runs?since=2026-11-24T13:00:00.020+01:00").path("items"), "run_id"))
        .as("an unencoded + arrives as a space and still reads as the offset").containsExactly("r-d", "r-c");
    assertThat(ids(get("/api/v1/runs?agent_id=agent-a&task_type=classify&model=claude-sonnet&status=ok")
        .path("items"), "run_id")).containsExactly("r-c");
    assertThat(get("/api/v1/runs?agent_id=nobody").path("items")).isEmpty();
    assertThat(get("/api/v1/runs?agent_id=nobody").path("next_cursor").isNull()).isTrue();

    JsonNode d = get("/api/v1/runs?agent_id=agent-c").path("items").get(0);
    assertThat(d.path("status").asText()).isEqualTo("error");
    assertThat(d.path("task_type").asText()).isEqualTo("summarize");
    assertThat(d.path("service_name").asText()).isEqualTo("agent-runner");
    assertThat(d.path("environment").asText()).isEqualTo("production");
    assertThat(d.path("started_at").asText()).isEqualTo("2026-11-24T12:00:00.030Z");
    assertThat(d.path("duration_ms").asDouble()).isEqualTo(10.0);
    assertThat(d.path("input_tokens").asLong()).isEqualTo(100);
    assertThat(d.path("total_tokens").asLong()).isEqualTo(120);
    assertThat(d.path("span_count").asLong()).isEqualTo(2);
    assertThat(d.path("error_count").asLong()).isEqualTo(1);
    assertThat(ids(d.path("models"), "x")).hasSize(1);
    assertThat(d.path("models").get(0).asText()).isEqualTo("gpt-4o");
  }

  @Test
  void pagesThroughRunsWithoutGapsOrRepeatsEvenWhenStartsTie() {
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 17; i++) {
      fleet.run("run-%02d".formatted(i), i % 2 == 0 ? "even" : "odd", "t", (i / 3) * 5L, null, null, false);
    }
    for (int group = 5; group >= 0; group--) {
      for (int i = group * 3; i < Math.min(17, group * 3 + 3); i++) {
        expected.add("run-%02d".formatted(i));
      }
    }

    assertThat(walk("/api/v1/runs?limit=4")).containsExactlyElementsOf(expected);
    assertThat(walk("/api/v1/runs?agent_id=even&limit=2"))
        .containsExactlyElementsOf(expected.stream().filter(id -> Integer.parseInt(id.substring(4)) % 2 == 0)
            .toList());
  }

  /** Every run id of a list, following next_cursor to the end. */
  List<String> walk(String first) {
    List<String> seen = new ArrayList<>();
    String path = first;
    for (int pages = 0; pages < 100; pages++) {
      JsonNode page = get(path);
      seen.addAll(ids(page.path("items"), "run_id"));
      if (page.path("next_cursor").isNull()) {
        return seen;
      }
      path = first + "&cursor=" + page.path("next_cursor").asText();
    }
    throw new AssertionError("more than 100 pages");
  }

  @Test
  void showsARunWithItsAncestorsAndChildren() {
    fleet.run("root", "planner", "triage", 0, null, null, false);
    fleet.run("mid", "worker", "refund", 10, "root", null, false);
    fleet.run("leaf", "worker", "lookup", 20, "mid", "gpt-4o", true);
    for (int i = 0; i < 23; i++) {
      fleet.run("child-%02d".formatted(i), "worker", "lookup", 30 + i, "root", null, false);
    }
    fleet.run("stray", "worker", "lookup", 60, "never-sent", null, false);

    JsonNode leaf = get("/api/v1/runs/leaf");
    assertThat(leaf.path("run_id").asText()).as("the summary is at the top level").isEqualTo("leaf");
    assertThat(leaf.path("parent_run_id").asText()).isEqualTo("mid");
    assertThat(leaf.path("status").asText()).isEqualTo("error");
    assertThat(leaf.path("models").get(0).asText()).isEqualTo("gpt-4o");
    JsonNode lineage = leaf.path("lineage");
    assertThat(ids(lineage.path("ancestors"), "run_id")).containsExactly("mid", "root");
    assertThat(lineage.path("root_run_id").asText()).isEqualTo("root");
    assertThat(lineage.path("chain_end").asText()).isEqualTo("root");
    assertThat(lineage.path("children")).isEmpty();
    assertThat(lineage.path("child_count").asLong()).isZero();

    JsonNode root = get("/api/v1/runs/root").path("lineage");
    assertThat(root.path("ancestors")).isEmpty();
    assertThat(root.path("root_run_id").asText()).isEqualTo("root");
    assertThat(root.path("child_count").asLong()).isEqualTo(24);
    assertThat(root.path("children")).hasSize(20);
    assertThat(ids(root.path("children"), "run_id").get(0)).isEqualTo("child-00");
    String cursor = root.path("children_next_cursor").asText();
    JsonNode rest = get("/api/v1/runs/root/children?cursor=" + cursor);
    assertThat(ids(rest.path("items"), "run_id")).containsExactly("child-20", "child-21", "child-22", "mid");
    assertThat(rest.path("next_cursor").isNull()).isTrue();

    JsonNode stray = get("/api/v1/runs/stray").path("lineage");
    assertThat(stray.path("chain_end").asText()).isEqualTo("missing_parent");
    assertThat(stray.path("root_run_id").isNull()).isTrue();
  }

  @Test
  void aLoopOfParentRunIdsEndsTheChainInsteadOfHanging() {
    fleet.run("loop-a", "x", "t", 0, "loop-b", null, false);
    fleet.run("loop-b", "x", "t", 1, "loop-a", null, false);

    JsonNode lineage = get("/api/v1/runs/loop-a").path("lineage");
    assertThat(ids(lineage.path("ancestors"), "run_id")).containsExactly("loop-b");
    assertThat(lineage.path("chain_end").asText()).isEqualTo("cycle");
    assertThat(lineage.path("child_count").asLong()).isEqualTo(1);
  }

  /**
   * A planner run that hands a refund to a worker run in the same trace, sent by the OpenTelemetry SDK: model
   * calls with token usage and a prompt hash, tool calls (one failing with 503), state transitions, a policy
   * decision, and attribute values with personal data.
   */
  void sendPlannerAndWorker() {
    long t = Fleet.T0_NANOS;
    long ms = 1_000_000L;
    try (OtelAgent agent = OtelAgent.start(api, agentKey, "gzip", true)) {
      var planner = agent.tracer.spanBuilder("agent.execute.task").setStartTimestamp(t, TimeUnit.NANOSECONDS)
          .setAttribute("agent.id", "planner-1").setAttribute("task.type", "ticket-triage")
          .setAttribute("run.id", "run-plan").startSpan();
      Context inPlanner = Context.root().with(planner);
      var chat = agent.tracer.spanBuilder("chat gpt-4o").setSpanKind(SpanKind.CLIENT).setParent(inPlanner)
          .setStartTimestamp(t + 10 * ms, TimeUnit.NANOSECONDS)
          .setAttribute("gen_ai.operation.name", "chat").setAttribute("gen_ai.request.model", "gpt-4o")
          .setAttribute("gen_ai.usage.input_tokens", 812L).setAttribute("gen_ai.usage.output_tokens", 96L)
          .setAttribute("prompt.hash", "sha256:plan-v3")
          .setAttribute("customer.email", "jane.doe@example.com").startSpan();
      chat.addEvent(RunEvent.STATE_TRANSITION, Attributes.of(AttributeKey.stringKey("from"), "plan",
          AttributeKey.stringKey("to"), "act", AttributeKey.stringKey("reason"), "plan ready"),
          t + 300 * ms, TimeUnit.NANOSECONDS);
      chat.end(t + 310 * ms, TimeUnit.NANOSECONDS);

      var worker = agent.tracer.spanBuilder("invoke_agent refund-worker").setParent(inPlanner)
          .setStartTimestamp(t + 320 * ms, TimeUnit.NANOSECONDS)
          .setAttribute("gen_ai.operation.name", "invoke_agent").setAttribute("agent.id", "worker-7")
          .setAttribute("task.type", "refund").setAttribute("run.id", "run-work")
          .setAttribute("parent_run_id", "run-plan").startSpan();
      Context inWorker = Context.root().with(worker);
      var lookup = agent.tracer.spanBuilder("execute_tool crm.lookup").setSpanKind(SpanKind.CLIENT)
          .setParent(inWorker).setStartTimestamp(t + 330 * ms, TimeUnit.NANOSECONDS)
          .setAttribute("gen_ai.tool.name", "crm.lookup").setAttribute("http.request.method", "GET")
          .setAttribute("url.full", "https://crm.example.com/customers?email=jane.doe@example.com")
          .setAttribute("http.response.status_code", 200L).startSpan();
      lookup.end(t + 450 * ms, TimeUnit.NANOSECONDS);
      var refund = agent.tracer.spanBuilder("execute_tool billing.refund").setSpanKind(SpanKind.CLIENT)
          .setParent(inWorker).setStartTimestamp(t + 460 * ms, TimeUnit.NANOSECONDS)
          .setAttribute("gen_ai.tool.name", "billing.refund").setAttribute("http.request.method", "POST")
          .setAttribute("url.full", "https://billing.example.com/refunds")
          .setAttribute("http.response.status_code", 503L).startSpan();
      refund.setStatus(StatusCode.ERROR, "upstream unavailable");
      refund.end(t + 520 * ms, TimeUnit.NANOSECONDS);
      worker.addEvent(RunEvent.FALLBACK, Attributes.of(AttributeKey.stringKey("from"), "billing.refund",
          AttributeKey.stringKey("to"), "human-queue"), t + 530 * ms, TimeUnit.NANOSECONDS);
      worker.end(t + 540 * ms, TimeUnit.NANOSECONDS);

      planner.addEvent(RunEvent.POLICY_DECISION, Attributes.of(AttributeKey.stringKey("outcome"), "allow",
          AttributeKey.stringKey("action"), "write:refunds", AttributeKey.stringKey("policy"), "refunds-v2"),
          t + 315 * ms, TimeUnit.NANOSECONDS);
      planner.end(t + 600 * ms, TimeUnit.NANOSECONDS);
      assertThat(agent.flush()).as("the exporter's export succeeded").isTrue();
    }
  }

  @Test
  void theTraceOfARunIsItsSpanTreeWithEnvelopesPromptsAndControlEvents() {
    sendPlannerAndWorker();

    JsonNode trace = get("/api/v1/runs/run-plan/trace");
    assertThat(trace.path("scope").asText()).isEqualTo("run");
    assertThat(trace.path("run").path("run_id").asText()).isEqualTo("run-plan");
    assertThat(trace.path("span_count").asInt()).isEqualTo(2);
    assertThat(trace.path("total_spans").asLong()).isEqualTo(2);
    assertThat(trace.path("truncated").asBoolean()).isFalse();
    assertThat(trace.path("roots")).hasSize(1);
    JsonNode root = trace.path("roots").get(0);
    assertThat(root.path("name").asText()).isEqualTo("agent.execute.task");
    assertThat(root.path("link").asText()).isEqualTo("root");
    assertThat(root.path("category").asText()).isEqualTo("agent");
    assertThat(root.path("duration_ms").asDouble()).isEqualTo(600.0);
    assertThat(root.path("start").asText()).isEqualTo("2026-11-24T12:00:00.000Z");
    assertThat(root.path("control_events")).hasSize(1);
    assertThat(root.path("control_events").get(0).path("type").asText()).isEqualTo("policy_decision");
    assertThat(root.path("control_events").get(0).path("attributes").path("outcome").asText()).isEqualTo("allow");
    JsonNode chat = root.path("children").get(0);
    assertThat(root.path("children")).hasSize(1);
    assertThat(chat.path("category").asText()).isEqualTo("llm");
    assertThat(chat.path("parent_span_id").asText()).isEqualTo(root.path("span_id").asText());
    assertThat(chat.path("prompt").path("prompt_hash").asText()).isEqualTo("sha256:plan-v3");
    assertThat(chat.path("prompt").path("content").isNull()).as("capture level hash keeps no text").isTrue();
    assertThat(chat.path("attributes").path("customer.email").asText()).startsWith("<EMAIL:")
        .doesNotContain("jane");
    assertThat(chat.path("control_events").get(0).path("type").asText()).isEqualTo("state_transition");
    assertThat(chat.path("events")).as("aegis.* events are control events only").isEmpty();
    assertThat(chat.path("tool_call").isNull()).isTrue();
    assertThat(trace.path("unattached_events")).isEmpty();

    JsonNode work = get("/api/v1/runs/run-work/trace");
    JsonNode workerRoot = work.path("roots").get(0);
    assertThat(workerRoot.path("link").asText()).as("its parent span belongs to the planner run")
        .isEqualTo("orphan");
    assertThat(workerRoot.path("parent_span_id").asText()).isEqualTo(root.path("span_id").asText());
    JsonNode refund = workerRoot.path("children").get(1);
    assertThat(refund.path("status").asText()).isEqualTo("error");
    assertThat(refund.path("status_message").asText()).isEqualTo("upstream unavailable");
    JsonNode envelope = refund.path("tool_call");
    assertThat(envelope.path("tool").asText()).isEqualTo("billing.refund");
    assertThat(envelope.path("method").asText()).isEqualTo("POST");
    assertThat(envelope.path("endpoint").asText()).isEqualTo("https://billing.example.com/refunds");
    assertThat(envelope.path("status_code").asInt()).isEqualTo(503);
    assertThat(envelope.path("latency_ms").asLong()).isEqualTo(60);
    assertThat(envelope.path("error").asBoolean()).isTrue();
    assertThat(workerRoot.path("children").get(0).path("tool_call").path("endpoint").asText())
        .startsWith("https://crm.example.com/customers?email=<EMAIL:");

    JsonNode whole = get("/api/v1/runs/run-work/trace?scope=trace");
    assertThat(whole.path("scope").asText()).isEqualTo("trace");
    assertThat(whole.path("span_count").asInt()).isEqualTo(5);
    assertThat(whole.path("roots")).hasSize(1);
    JsonNode top = whole.path("roots").get(0);
    assertThat(top.path("run_id").asText()).isEqualTo("run-plan");
    assertThat(ids(top.path("children"), "name")).containsExactly("chat gpt-4o", "invoke_agent refund-worker");
    JsonNode nestedWorker = top.path("children").get(1);
    assertThat(nestedWorker.path("run_id").asText()).isEqualTo("run-work");
    assertThat(nestedWorker.path("link").asText()).isEqualTo("child");
    assertThat(ids(nestedWorker.path("children"), "name"))
        .containsExactly("execute_tool crm.lookup", "execute_tool billing.refund");
    assertThat(nestedWorker.path("children").get(1).path("tool_call").path("status_code").asInt()).isEqualTo(503);
    assertThat(nestedWorker.path("control_events").get(0).path("type").asText()).isEqualTo("fallback");
  }

  /**
   * The OpenTelemetry SDK's batch processor exports a span when it ends, so children go out before their parent:
   * here in three exports, grandchild, child, then the parent that carries {@code run.id}. They all end in the
   * parent's run, and no run named by the trace id is left.
   */
  @Test
  void childrenExportedBeforeTheirParentEndInItsRun() {
    long t = Fleet.T0_NANOS;
    long ms = 1_000_000L;
    String traceId;
    try (OtelAgent agent = OtelAgent.start(api, agentKey, "none", true)) {
      var parent = agent.tracer.spanBuilder("invoke_agent refunder").setStartTimestamp(t, TimeUnit.NANOSECONDS)
          .setAttribute("run.id", "run-batched").setAttribute("agent.id", "refunder-7").startSpan();
      var child = agent.tracer.spanBuilder("execute_tool billing.refund").setSpanKind(SpanKind.CLIENT)
          .setParent(Context.root().with(parent)).setStartTimestamp(t + 10 * ms, TimeUnit.NANOSECONDS)
          .setAttribute("gen_ai.tool.name", "billing.refund").setAttribute("http.request.method", "POST")
          .setAttribute("http.response.status_code", 503L).startSpan();
      var grandchild = agent.tracer.spanBuilder("chat gpt-4o").setSpanKind(SpanKind.CLIENT)
          .setParent(Context.root().with(child)).setStartTimestamp(t + 20 * ms, TimeUnit.NANOSECONDS)
          .setAttribute("gen_ai.operation.name", "chat").setAttribute("gen_ai.request.model", "gpt-4o")
          .setAttribute("gen_ai.usage.input_tokens", 300L).startSpan();
      traceId = parent.getSpanContext().getTraceId();
      grandchild.end(t + 30 * ms, TimeUnit.NANOSECONDS);
      assertThat(agent.flush()).isTrue();
      child.setStatus(StatusCode.ERROR, "upstream unavailable");
      child.end(t + 40 * ms, TimeUnit.NANOSECONDS);
      assertThat(agent.flush()).isTrue();
      assertThat(ids(get("/api/v1/runs").path("items"), "run_id")).as("before the parent: the trace's run")
          .containsExactly(traceId);
      parent.end(t + 50 * ms, TimeUnit.NANOSECONDS);
      assertThat(agent.flush()).isTrue();
    }

    JsonNode runs = get("/api/v1/runs").path("items");
    assertThat(ids(runs, "run_id")).containsExactly("run-batched");
    JsonNode run = runs.get(0);
    assertThat(run.path("span_count").asLong()).isEqualTo(3);
    assertThat(run.path("error_count").asLong()).isEqualTo(1);
    assertThat(run.path("tool_call_count").asLong()).isEqualTo(1);
    assertThat(run.path("input_tokens").asLong()).isEqualTo(300);
    assertThat(run.path("models").get(0).asText()).isEqualTo("gpt-4o");
    assertThat(run.path("agent_id").asText()).isEqualTo("refunder-7");
    api.get("/api/v1/runs/" + traceId, operatorKey).assertProblem(404, "not-found", traceId);

    JsonNode trace = get("/api/v1/runs/run-batched/trace");
    assertThat(trace.path("span_count").asInt()).isEqualTo(3);
    JsonNode root = trace.path("roots").get(0);
    assertThat(trace.path("roots")).hasSize(1);
    assertThat(root.path("link").asText()).isEqualTo("root");
    JsonNode tool = root.path("children").get(0);
    assertThat(tool.path("run_id").asText()).isEqualTo("run-batched");
    assertThat(tool.path("tool_call").path("status_code").asInt()).isEqualTo(503);
    JsonNode chat = tool.path("children").get(0);
    assertThat(chat.path("run_id").asText()).isEqualTo("run-batched");
    assertThat(chat.path("link").asText()).isEqualTo("child");
    assertThat(get("/api/v1/traces/" + traceId).path("runs").get(0).path("run_id").asText())
        .isEqualTo("run-batched");
  }

  @Test
  void theTimelineListsEverythingInOneChronologicalOrder() {
    sendPlannerAndWorker();

    JsonNode timeline = get("/api/v1/runs/run-plan/timeline?scope=trace");
    List<String> seen = new ArrayList<>();
    timeline.path("entries").forEach(e -> seen.add(e.path("type").asText() + " " + e.path("name").asText()));
    assertThat(seen).containsExactly(
        "span_start agent.execute.task",
        "llm_call chat gpt-4o",
        "state_transition aegis.state_transition",
        "span_end chat gpt-4o",
        "policy_decision aegis.policy_decision",
        "span_start invoke_agent refund-worker",
        "tool_call execute_tool crm.lookup",
        "span_end execute_tool crm.lookup",
        "tool_call execute_tool billing.refund",
        "error execute_tool billing.refund",
        "fallback aegis.fallback",
        "span_end invoke_agent refund-worker",
        "span_end agent.execute.task");
    List<String> times = new ArrayList<>();
    timeline.path("entries").forEach(e -> times.add(e.path("at").asText()));
    assertThat(times).isSorted();
    JsonNode llm = timeline.path("entries").get(1);
    assertThat(llm.path("summary").asText()).isEqualTo("chat gpt-4o: 812 in / 96 out tokens");
    assertThat(llm.path("details").path("prompt_hash").asText()).isEqualTo("sha256:plan-v3");
    assertThat(llm.path("run_id").asText()).isEqualTo("run-plan");
    JsonNode error = timeline.path("entries").get(9);
    assertThat(error.path("summary").asText())
        .isEqualTo("execute_tool billing.refund failed after 60 ms with 503: upstream unavailable");
    assertThat(error.path("run_id").asText()).isEqualTo("run-work");

    JsonNode own = get("/api/v1/runs/run-plan/timeline");
    assertThat(own.path("scope").asText()).isEqualTo("run");
    assertThat(own.path("entries")).hasSize(6);
  }

  @Test
  void orphansBecomeRootsAndDeepAndWideTreesKeepEverySpan() {
    String trace = Fleet.traceId();
    List<Span> spans = new ArrayList<>();
    String root = Fleet.spanId();
    spans.add(span(trace, root, null, "root", 0, 10_000).addAttributes(attr("run.id", "big")).build());
    String parent = root;
    for (int i = 0; i < 150; i++) { // deeper than the 100 levels a tree nests
      String id = Fleet.spanId();
      spans.add(span(trace, id, parent, "deep-" + i, 1 + i, 9_000).addAttributes(attr("run.id", "big")).build());
      parent = id;
    }
    String fan = Fleet.spanId();
    spans.add(span(trace, fan, root, "fan", 200, 9_500).addAttributes(attr("run.id", "big")).build());
    for (int i = 0; i < 300; i++) {
      spans.add(span(trace, Fleet.spanId(), fan, "leaf-%03d".formatted(i), 300 + i, 301 + i)
          .addAttributes(attr("run.id", "big")).build());
    }
    spans.add(span(trace, Fleet.spanId(), Fleet.spanId(), "orphan", 5_000, 5_001)
        .addAttributes(attr("run.id", "big")).build());
    fleet.send(spans);

    JsonNode tree = get("/api/v1/runs/big/trace");
    assertThat(tree.path("span_count").asInt()).isEqualTo(453);
    assertThat(tree.path("truncated").asBoolean()).isFalse();
    JsonNode roots = tree.path("roots");
    assertThat(roots.get(0).path("name").asText()).isEqualTo("root");
    assertThat(roots.get(1).path("name").asText()).isEqualTo("orphan");
    assertThat(roots.get(1).path("link").asText()).isEqualTo("orphan");
    assertThat(roots.get(2).path("link").asText()).isEqualTo("continued");
    assertThat(roots.get(2).path("name").asText()).isEqualTo("deep-99");
    assertThat(roots).hasSize(3);
    JsonNode fanNode = roots.get(0).path("children").get(1);
    assertThat(fanNode.path("name").asText()).isEqualTo("fan");
    assertThat(fanNode.path("children")).hasSize(300);
    assertThat(fanNode.path("children").get(299).path("name").asText()).isEqualTo("leaf-299");
    assertThat(countNodes(roots)).isEqualTo(453);
  }

  static int countNodes(JsonNode nodes) {
    int count = 0;
    List<JsonNode> stack = new ArrayList<>();
    nodes.forEach(stack::add);
    while (!stack.isEmpty()) {
      JsonNode node = stack.removeLast();
      count++;
      node.path("children").forEach(stack::add);
    }
    return count;
  }

  @Test
  void looksUpTheRunsOfATraceAndTheCallsThatUsedAPrompt() {
    sendPlannerAndWorker();
    fleet.send(List.of(span(Fleet.traceId(), Fleet.spanId(), null, "chat later", 1_000, 1_100)
        .addAttributes(attr("run.id", "run-later")).addAttributes(attr("gen_ai.request.model", "gpt-4o-mini"))
        .addAttributes(attr("prompt.hash", "sha256:plan-v3")).build()));
    String traceId = get("/api/v1/runs/run-plan").path("trace_id").asText();

    JsonNode trace = get("/api/v1/traces/" + traceId);
    assertThat(trace.path("trace_id").asText()).isEqualTo(traceId);
    assertThat(trace.path("span_count").asLong()).isEqualTo(5);
    assertThat(ids(trace.path("runs"), "run_id")).containsExactly("run-plan", "run-work");
    assertThat(get("/api/v1/traces/" + traceId.toUpperCase()).path("trace_id").asText()).isEqualTo(traceId);

    JsonNode prompt = get("/api/v1/prompts/" + encode("sha256:plan-v3"));
    assertThat(prompt.path("prompt_hash").asText()).isEqualTo("sha256:plan-v3");
    assertThat(ids(prompt.path("snapshots"), "run_id")).containsExactly("run-later", "run-plan");
    assertThat(prompt.path("snapshots").get(0).path("model").asText()).isEqualTo("gpt-4o-mini");
    assertThat(ids(prompt.path("runs"), "run_id")).containsExactly("run-plan", "run-later");
    assertThat(prompt.path("truncated").asBoolean()).isFalse();
    JsonNode one = get("/api/v1/prompts/sha256:plan-v3?limit=1");
    assertThat(one.path("snapshots")).hasSize(1);
    assertThat(one.path("truncated").asBoolean()).isTrue();

    api.get("/api/v1/traces/" + Fleet.traceId(), operatorKey).assertProblem(404, "not-found", "no trace");
    api.get("/api/v1/prompts/sha256:unknown", operatorKey).assertProblem(404, "not-found", "sha256:unknown");
  }
}
