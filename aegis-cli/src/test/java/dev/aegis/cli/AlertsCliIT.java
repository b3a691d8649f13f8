package dev.aegis.cli;

import static dev.aegis.cli.AlertingServer.check;
import static dev.aegis.cli.AlertingServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aegis.cli.AlertingServer.Tenant;
import dev.aegis.cli.Cli.Result;
import java.nio.file.Path;
import java.time.Instant;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code aegis alerts} against a real server, with alerts raised by runs sent over OTLP. */
@Timeout(120)
class AlertsCliIT {
  private static final Pattern ALERT_ID = Pattern.compile("alr_[0-9a-z]{26}");

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

  /** Three runs over a 1000-token budget: three firing tokens alerts, newest first. */
  private JsonNode threeTokenAlerts() {
    check(tenant.admin().run("budgets", "set", "document-summarize", "--max-tokens-per-run", "1000",
        "--min-samples", "1"));
    server.runs(tenant, "document-summarize", 3, 10, 2500);
    return json(AgentTraffic.await(() -> tenant.admin().run("alerts", "list", "-o", "json"),
        r -> r.exitCode() == 0 && json(r).get("items").size() == 3)).get("items");
  }

  @Test
  void listsAlertsInATableThatFits80Columns() {
    threeTokenAlerts();

    Result listed = check(tenant.admin().run("alerts", "list"));

    assertThat(listed.out().lines().findFirst().orElseThrow())
        .matches("ID +CREATED \\(UTC\\) +STATE +KIND +TASK TYPE");
    assertThat(listed.out().lines().skip(1).toList()).hasSize(3).allSatisfy(line -> {
      assertThat(line.length()).isLessThanOrEqualTo(80);
      assertThat(line).matches("alr_[0-9a-z]{26} +20\\d\\d-\\d\\d-\\d\\d \\d\\d:\\d\\d +firing +tokens +docume.*");
    });
    Result help = check(tenant.admin().run("alerts", "list", "--help"));
    assertThat(help.out()).contains("--open").contains("Examples:").contains("aegis alerts list --open");
  }

  @Test
  void filtersAndPages() {
    JsonNode alerts = threeTokenAlerts();

    Result page = check(tenant.admin().run("alerts", "list", "--kind", "tokens", "--limit", "2", "-o", "json"));
    assertThat(json(page).get("items")).containsExactly(alerts.get(0), alerts.get(1));
    String cursor = json(page).get("next_cursor").asText();
    assertThat(page.err()).contains("more: aegis alerts list --kind tokens --limit 2 --cursor " + cursor);
    Result next = check(tenant.admin().run("alerts", "list", "--kind", "tokens", "--limit", "2", "--cursor", cursor,
        "-o", "json"));
    assertThat(json(next).get("items")).containsExactly(alerts.get(2));
    Result all = check(tenant.admin().run("alerts", "list", "--limit", "1", "--all", "-o", "json"));
    assertThat(json(all).get("items")).isEqualTo(alerts);
    assertThat(all.err()).doesNotContain("more:");

    assertThat(count("--kind", "task_budget.tokens_per_run")).isEqualTo(3);
    assertThat(count("--kind", "tokens_per_run")).isEqualTo(3);
    assertThat(count("--kind", "p95")).isZero();
    assertThat(count("--open")).isEqualTo(3);
    assertThat(count("--open=false")).isZero();
    assertThat(count("--state", "resolved")).isZero();
    assertThat(count("--task-type", "other")).isZero();
    Instant newest = Instant.parse(alerts.get(0).get("created_at").asText());
    int older = 0;
    for (JsonNode alert : alerts) {
      older += Instant.parse(alert.get("created_at").asText()).isBefore(newest) ? 1 : 0;
    }
    assertThat(count("--since", "2000-01-01T00:00:00Z", "--until", newest.toString())).isEqualTo(older);
    assertThat(count("--since", newest.toString())).isGreaterThanOrEqualTo(1);
    assertThat(check(tenant.admin().run("alerts", "list", "--task-type", "other")).out())
        .isEqualTo("No alerts match." + System.lineSeparator());
  }

  private int count(String... filters) {
    String[] args = new String[filters.length + 4];
    args[0] = "alerts";
    args[1] = "list";
    System.arraycopy(filters, 0, args, 2, filters.length);
    args[filters.length + 2] = "-o";
    args[filters.length + 3] = "json";
    return json(check(tenant.admin().run(args))).get("items").size();
  }

  @Test
  void showsOneAlertAndItsJsonIsWhatTheApiAnswers() {
    String id = threeTokenAlerts().get(0).get("id").asText();

    Result shown = check(tenant.admin().run("alerts", "show", id));

    assertThat(shown.out())
        .containsPattern("(?m)^id +" + id + "$")
        .containsPattern("(?m)^kind +task_budget.tokens_per_run$")
        .containsPattern("(?m)^state +firing$")
        .containsPattern("(?m)^run +run-\\d+$")
        .containsPattern("(?m)^observed +2500 tokens$")
        .containsPattern("(?m)^threshold +1000 tokens$")
        .containsPattern("(?m)^message +.*2500 tokens.*$")
        .containsPattern("(?m)^resolved by +not yet: it is open$");
    Result asJson = check(tenant.admin().run("alerts", "show", id, "-o", "json"));
    assertThat(json(asJson)).isEqualTo(server.apiGet("/api/v1/alerts/" + id, tenant.adminKey()));
    Result listed = check(tenant.admin().run("alerts", "list", "-o", "json"));
    assertThat(json(listed)).isEqualTo(server.apiGet("/api/v1/alerts", tenant.adminKey()));

    Result missing = tenant.admin().run("alerts", "show", "alr_nope");
    assertThat(missing.exitCode()).isEqualTo(1);
    assertThat(missing.err()).contains("(404 not-found)");
    Result otherTenant = server.newTenant().admin().run("alerts", "show", id);
    assertThat(otherTenant.exitCode()).isEqualTo(1);
    assertThat(otherTenant.err()).contains("(404 not-found)");
  }

  @Test
  void aResolutionShowsWhatItResolves() {
    check(tenant.admin().run("budgets", "set", "summarize", "--p95-latency-ms", "100", "--min-samples", "1"));
    server.runs(tenant, "summarize", 1, 400, 0);
    AgentTraffic.await(() -> tenant.admin().run("alerts", "list", "--open"), r -> r.out().contains("firing"));

    check(tenant.admin().run("budgets", "set", "summarize", "--max-tokens-per-run", "1000"));

    Result listed = check(tenant.admin().run("alerts", "list"));
    assertThat(listed.out().lines().skip(1).toList()).satisfiesExactly(
        resolution -> assertThat(resolution).matches("alr_\\S+ +\\S+ \\S+ +resolved +p95 +summarize"),
        fired -> assertThat(fired).matches("alr_\\S+ +\\S+ \\S+ +fired +p95 +summarize"));
    var ids = ALERT_ID.matcher(listed.out()).results().map(m -> m.group()).toList();
    Result resolution = check(tenant.admin().run("alerts", "show", ids.get(0)));
    assertThat(resolution.out()).containsPattern("(?m)^resolves +" + ids.get(1) + "$")
        .containsPattern("(?m)^observed +- \\(the limit was removed\\)$")
        .containsPattern("(?m)^window +15m$");
    assertThat(check(tenant.admin().run("alerts", "show", ids.get(1))).out())
        .containsPattern("(?m)^resolved by +" + ids.get(0) + "$");
    assertThat(check(tenant.admin().run("alerts", "list", "--open")).out()).isEqualTo("No alerts match."
        + System.lineSeparator());
  }

  @Test
  void badFiltersExitWithWhatIsWrong() {
    Result bad = tenant.admin().run("alerts", "list", "--state", "bogus", "--kind", "cpu");
    assertThat(bad.exitCode()).isEqualTo(1);
    assertThat(bad.err()).contains("(400 malformed-request)")
        .containsPattern("(?m)^  state: must be firing or resolved, was 'bogus'$")
        .containsPattern("(?m)^  kind: unknown kind 'cpu'");

    Result badTime = tenant.admin().run("alerts", "list", "--since", "yesterday");
    assertThat(badTime.exitCode()).isEqualTo(2);
    assertThat(badTime.err()).contains("--since must be an RFC 3339 time");

    Result reversed = tenant.admin().run("alerts", "list", "--since", "2026-01-02T00:00:00Z",
        "--until", "2026-01-01T00:00:00Z", "-o", "json");
    assertThat(reversed.exitCode()).isEqualTo(1);
    assertThat(reversed.err()).contains("\"parameter\" : \"until\"");

    Result agent = server.as(tenant.agentKey()).run("alerts", "list");
    assertThat(agent.exitCode()).isEqualTo(1);
    assertThat(agent.err()).contains("(403 forbidden)");
  }
}
