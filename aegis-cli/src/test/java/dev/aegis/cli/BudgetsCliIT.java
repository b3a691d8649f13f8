package dev.aegis.cli;

import static dev.aegis.cli.AlertingServer.check;
import static dev.aegis.cli.AlertingServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aegis.cli.AlertingServer.Tenant;
import dev.aegis.cli.Cli.Result;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code aegis budgets} against a real server. */
@Timeout(120)
class BudgetsCliIT {
  @TempDir static Path dataDir;
  @TempDir static Path workDir;

  private static AlertingServer server;
  private Tenant tenant;

  @BeforeAll
  static void start() {
    server = AlertingServer.start(dataDir, workDir);
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  @BeforeEach
  void newTenant() {
    tenant = server.newTenant();
  }

  @Test
  void setsShowsListsAndDeletesABudget() {
    Result set = tenant.admin().run("budgets", "set", "summarize", "--max-tokens-per-run", "20000",
        "--p95-latency-ms", "2000", "--max-error-rate", "0.05", "--window", "30m", "--min-samples", "5");

    assertThat(set.exitCode()).as(set.toString()).isZero();
    assertThat(set.out()).startsWith("Set the budget of summarize:")
        .containsPattern("(?m)^  max tokens per run +20000$")
        .containsPattern("(?m)^  p95 latency +2000 ms$")
        .containsPattern("(?m)^  max error rate +0.05$")
        .containsPattern("(?m)^  window +30m$")
        .containsPattern("(?m)^  min samples +5$");

    Result shown = check(tenant.admin().run("budgets", "show", "summarize"));
    assertThat(shown.out()).containsPattern("(?m)^runs in window +0 \\(0 failed\\)$")
        .containsPattern("(?m)^firing +nothing$");

    check(tenant.admin().run("budgets", "set", "classify", "--max-error-rate", "0.1"));
    Result listed = check(tenant.admin().run("budgets", "list"));
    assertThat(listed.out().lines().toList()).hasSize(3).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(80));
    assertThat(listed.out().lines().findFirst().orElseThrow())
        .matches("TASK TYPE +TOKENS/RUN +P95 MS +ERROR RATE +WINDOW +RUNS +FIRING");
    assertThat(listed.out()).containsPattern("(?m)^classify +- +- +0.1 +15m +0 +-$")
        .containsPattern("(?m)^summarize +20000 +2000 +0.05 +30m +0 +-$");

    Result deleted = check(tenant.admin().run("budgets", "delete", "classify"));
    assertThat(deleted.out()).contains("Deleted the budget of classify");
    Result gone = tenant.admin().run("budgets", "show", "classify");
    assertThat(gone.exitCode()).isEqualTo(1);
    assertThat(gone.err()).contains("(404 not-found)").contains("classify");
    Result again = tenant.admin().run("budgets", "delete", "classify");
    assertThat(again.exitCode()).isEqualTo(1);
  }

  @Test
  void jsonOutputIsWhatTheApiAnswers() {
    Result set = check(tenant.admin().run("budgets", "set", "summarize", "--max-error-rate", "0.05", "-o", "json"));
    assertThat(json(set).get("max_error_rate").asDouble()).isEqualTo(0.05);
    assertThat(json(set).get("max_tokens_per_run").isNull()).isTrue();

    Result shown = check(tenant.admin().run("budgets", "show", "summarize", "-o", "json"));
    assertThat(json(shown)).isEqualTo(server.apiGet("/api/v1/task-budgets/summarize", tenant.adminKey()));
    Result listed = check(tenant.admin().run("budgets", "list", "-o", "json"));
    assertThat(json(listed)).isEqualTo(server.apiGet("/api/v1/task-budgets", tenant.adminKey()));

    Result deleted = check(tenant.admin().run("budgets", "delete", "summarize", "-o", "json"));
    assertThat(deleted.out()).isEmpty();
  }

  @Test
  void aBadMaxErrorRateExits1WithTheFieldPointerAndNothingIsStored() throws IOException {
    Result bad = tenant.admin().run("budgets", "set", "summarize", "--max-error-rate", "1.5", "--window", "5s");

    assertThat(bad.exitCode()).isEqualTo(1);
    assertThat(bad.out()).isEmpty();
    assertThat(bad.err()).contains("(422 validation)")
        .containsPattern("(?m)^  /max_error_rate: .+")
        .containsPattern("(?m)^  /window: .+")
        .contains("request id: ");
    assertThat(tenant.admin().run("budgets", "show", "summarize").exitCode()).isEqualTo(1);

    Result asJson = tenant.admin().run("budgets", "set", "summarize", "--max-error-rate", "-1", "-o", "json");
    assertThat(asJson.exitCode()).isEqualTo(1);
    JsonNode problem = AlertingServer.JSON.readTree(asJson.err());
    assertThat(problem.get("status").asInt()).isEqualTo(422);
    assertThat(problem.get("errors").get(0).get("pointer").asText()).isEqualTo("/max_error_rate");
  }

  @Test
  void wrongUsageExits2BeforeAskingTheServer() {
    Result noLimit = tenant.admin().run("budgets", "set", "summarize", "--window", "1h");
    assertThat(noLimit.exitCode()).isEqualTo(2);
    assertThat(noLimit.err()).contains("give at least one limit: --max-tokens-per-run");

    Result notANumber = tenant.admin().run("budgets", "set", "summarize", "--max-tokens-per-run", "lots");
    assertThat(notANumber.exitCode()).isEqualTo(2);
    assertThat(notANumber.err()).contains("--max-tokens-per-run");

    Result badTaskType = tenant.admin().run("budgets", "set", "no spaces", "--max-tokens-per-run", "1");
    assertThat(badTaskType.exitCode()).isEqualTo(1);
    assertThat(badTaskType.err()).contains("(400 malformed-request)").containsPattern("(?m)^  task_type: ");
  }

  @Test
  void listsOnePageAndSaysHowToGetTheRest() {
    for (String taskType : new String[] {"a-task", "b-task", "c-task"}) {
      check(tenant.admin().run("budgets", "set", taskType, "--p95-latency-ms", "100"));
    }

    Result page = check(tenant.admin().run("budgets", "list", "--limit", "2", "-o", "json"));
    assertThat(json(page).get("items")).hasSize(2);
    String cursor = json(page).get("next_cursor").asText();
    assertThat(page.err()).contains("more: aegis budgets list --cursor " + cursor);

    Result next = check(tenant.admin().run("budgets", "list", "--limit", "2", "--cursor", cursor, "-o", "json"));
    assertThat(json(next).get("items")).hasSize(1);
    assertThat(json(next).get("items").get(0).get("task_type").asText()).isEqualTo("c-task");

    Result all = check(tenant.admin().run("budgets", "list", "--limit", "1", "--all"));
    assertThat(all.out()).contains("a-task").contains("b-task").contains("c-task");
    assertThat(all.err()).doesNotContain("more:");
  }

  @Test
  void anAgentKeyIsForbiddenAndTheBudgetShowsFiringLimits() {
    Result refused = server.as(tenant.agentKey()).run("budgets", "set", "summarize", "--p95-latency-ms", "1");
    assertThat(refused.exitCode()).isEqualTo(1);
    assertThat(refused.err()).contains("(403 forbidden)");

    check(tenant.admin().run("budgets", "set", "summarize", "--p95-latency-ms", "100", "--min-samples", "1"));
    server.runs(tenant, "summarize", 1, 400, 0);
    Result shown = AgentTraffic.await(() -> tenant.admin().run("budgets", "show", "summarize"),
        r -> r.out().contains("latency_p95"));
    assertThat(shown.out()).containsPattern("(?m)^firing +latency_p95$").containsPattern("(?m)^runs in window +1 ");
    assertThat(check(tenant.admin().run("budgets", "list")).out()).containsPattern("(?m)^summarize .+ latency_p95$");
  }
}
