package dev.aegis.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Task budgets fed by real ingest: an agent instrumented with the OpenTelemetry SDK exports its runs over OTLP, the
 * ingest writer commits them and tells the budget monitor, and alerts appear at {@code /api/v1/alerts}.
 */
class TaskBudgetIngestIT {
  private static final String TASK = "document-summarize";

  @TempDir Path dataDir;
  TestServer api;
  String admin;
  String agentKey;
  private int runs;

  @BeforeEach
  void startServer() {
    api = TestServer.start(dataDir, Map.of());
    api.createTenant("acme");
    admin = api.createKey("acme", "admin", "admin", "operator").path("secret").asText();
    agentKey = api.createKey("acme", "agent", "agent").path("secret").asText();
  }

  @AfterEach
  void stopServer() {
    api.close();
  }

  @Test
  void runsExportedOverOtlpAreJudgedAgainstTheirBudget() {
    api.put("/api/v1/task-budgets/" + TASK, admin,
        "{\"max_tokens_per_run\": 1000, \"p95_latency_ms\": 300, \"max_error_rate\": 0.5, \"min_samples\": 3}");

    try (OtelAgent agent = OtelAgent.start(api, agentKey, "none", true)) {
      for (int i = 0; i < 3; i++) {
        run(agent, TASK, 800, 600, 500, false);
      }
      run(agent, "unbudgeted-task", 9000, 90_000, 90_000, true);
      assertThat(agent.flush()).isTrue();
    }

    List<JsonNode> alerts = Await.until(() -> alerts(""), a -> a.size() == 4);
    assertThat(alerts).extracting(a -> a.path("kind").asText()).containsOnly(
        "task_budget.tokens_per_run", "task_budget.latency_p95");
    JsonNode latency = alerts.stream().filter(a -> a.path("kind").asText().equals("task_budget.latency_p95"))
        .findFirst().orElseThrow();
    assertThat(latency.path("observed").asLong()).isEqualTo(800);
    assertThat(latency.path("samples").asLong()).isEqualTo(3);
    assertThat(alerts).filteredOn(a -> a.path("kind").asText().equals("task_budget.tokens_per_run"))
        .extracting(a -> a.path("observed").asLong()).containsOnly(1100L);
    JsonNode status = api.get("/api/v1/task-budgets/" + TASK, admin).json().path("status");
    assertThat(status.path("runs").asLong()).isEqualTo(3);
    assertThat(status.path("p95_latency_ms").asLong()).isEqualTo(800);
    assertThat(status.path("errors").asLong()).isZero();
  }

  @Test
  void aChildRunFinishesWhenItsParentArrivesLaterAndOnlyItsRootCounts() {
    api.put("/api/v1/task-budgets/" + TASK, admin, "{\"p95_latency_ms\": 10000, \"min_samples\": 1}");

    try (OtelAgent agent = OtelAgent.start(api, agentKey, "none", false)) {
      Instant t0 = Instant.now().minusSeconds(5);
      Span orchestrator = agent.tracer.spanBuilder("agent.execute.task").setStartTimestamp(t0)
          .setAttribute("run.id", "run-parent").setAttribute("task.type", "orchestrate").startSpan();
      Span call = agent.tracer.spanBuilder("call sub-agent").setStartTimestamp(t0.plusMillis(10))
          .setParent(Context.root().with(orchestrator)).startSpan();
      Span child = agent.tracer.spanBuilder("agent.execute.task").setStartTimestamp(t0.plusMillis(20))
          .setParent(Context.root().with(call))
          .setAttribute("run.id", "run-child").setAttribute("parent_run_id", "run-parent")
          .setAttribute("task.type", TASK).startSpan();
      Span inner = agent.tracer.spanBuilder("plan").setStartTimestamp(t0.plusMillis(30))
          .setParent(Context.root().with(child)).setAttribute("run.id", "run-child").startSpan();
      inner.end(t0.plusMillis(80));
      assertThat(agent.flush()).isTrue();
      child.end(t0.plusMillis(820));
      assertThat(agent.flush()).isTrue();
      assertThat(budgetStatus().path("runs").asLong()).as("its parent span is not here yet").isZero();

      call.end(t0.plusMillis(830));
      orchestrator.end(t0.plusMillis(900));
      assertThat(agent.flush()).isTrue();
    }

    JsonNode status = Await.until(this::budgetStatus, s -> s.path("runs").asLong() == 1);
    assertThat(status.path("p95_latency_ms").asLong()).as("the child run's root, not its inner span")
        .isEqualTo(800);
  }

  @Test
  void anAlertFiringAtShutdownIsResolvedByARecoveryAfterTheRestart() {
    api.put("/api/v1/task-budgets/" + TASK, admin, "{\"max_error_rate\": 0.2, \"min_samples\": 3}");
    try (OtelAgent agent = OtelAgent.start(api, agentKey, "none", true)) {
      for (int i = 0; i < 3; i++) {
        run(agent, TASK, 100, 0, 0, true);
      }
      assertThat(agent.flush()).isTrue();
    }
    JsonNode fired = Await.until(() -> alerts(""), a -> a.size() == 1).get(0);
    assertThat(fired.path("message").asText()).contains("3 of 3 runs failed");
    api.close();

    api = TestServer.start(dataDir, Map.of());
    try (OtelAgent agent = OtelAgent.start(api, agentKey, "none", true)) {
      for (int i = 0; i < 3; i++) {
        run(agent, TASK, 100, 0, 0, false);
      }
      assertThat(agent.flush()).isTrue();
    }

    List<JsonNode> alerts = Await.until(() -> alerts(""), a -> a.size() == 2);
    assertThat(alerts.get(0).path("state").asText()).isEqualTo("resolved");
    assertThat(alerts.get(0).path("fired_alert_id").asText()).isEqualTo(fired.path("id").asText());
    assertThat(alerts("?open=true")).isEmpty();
  }

  /** One run: a root span with its run id and task type, and an LLM call with token usage, ended at once. */
  private void run(OtelAgent agent, String taskType, long durationMillis, long inputTokens, long outputTokens,
      boolean failed) {
    Instant start = Instant.now().minusMillis(durationMillis + 50);
    Span root = agent.tracer.spanBuilder("agent.execute.task").setStartTimestamp(start)
        .setAttribute("agent.id", "summarizer-12").setAttribute("task.type", taskType)
        .setAttribute("run.id", "run-" + (++runs)).startSpan();
    if (inputTokens + outputTokens > 0) {
      Span llm = agent.tracer.spanBuilder("chat gpt-4o").setSpanKind(SpanKind.CLIENT)
          .setParent(Context.root().with(root)).setStartTimestamp(start.plusMillis(5))
          .setAttribute("gen_ai.operation.name", "chat").setAttribute("gen_ai.request.model", "gpt-4o")
          .setAttribute("gen_ai.usage.input_tokens", inputTokens)
          .setAttribute("gen_ai.usage.output_tokens", outputTokens).startSpan();
      llm.end(start.plusMillis(10));
    }
    if (failed) {
      root.setStatus(StatusCode.ERROR, "the summary failed validation");
    }
    root.end(start.plusMillis(durationMillis));
  }

  private JsonNode budgetStatus() {
    return api.get("/api/v1/task-budgets/" + TASK, admin).json().path("status");
  }

  private List<JsonNode> alerts(String query) {
    List<JsonNode> out = new ArrayList<>();
    api.get("/api/v1/alerts" + query, admin).json().path("items").forEach(out::add);
    return out;
  }
}
