package dev.aegis.cli;

import static dev.aegis.cli.AlertingServer.check;
import static dev.aegis.cli.AlertingServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aegis.cli.AlertingServer.Tenant;
import dev.aegis.cli.Cli.Result;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code aegis webhooks} against a real server delivering to a real receiver on loopback. */
@Timeout(120)
class WebhooksCliIT {
  private static final Pattern SECRET = Pattern.compile("whsec_\\S+");
  private static final Pattern WEBHOOK_ID = Pattern.compile("whk_[0-9a-z]{26}");

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

  private String create(String... more) {
    String[] args = new String[5 + more.length];
    System.arraycopy(new String[] {"webhooks", "create", server.receiverUrl(), "-o", "json"}, 0, args, 0, 5);
    System.arraycopy(more, 0, args, 5, more.length);
    return json(check(tenant.admin().run(args))).get("id").asText();
  }

  @Test
  void createPrintsTheSecretOnceWithAWarning() {
    Result created = tenant.admin().run("webhooks", "create", server.receiverUrl(),
        "--event", "alert.fired", "--event", "alert.resolved", "--description", "pager");

    assertThat(created.exitCode()).as(created.toString()).isZero();
    Matcher secret = SECRET.matcher(created.out());
    assertThat(secret.find()).isTrue();
    Matcher id = WEBHOOK_ID.matcher(created.out());
    assertThat(id.find()).isTrue();
    assertThat(created.out()).contains("for alert.fired, alert.resolved").contains("the only time it is shown");
    assertThat(created.out().lines()).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(80));

    Result listed = check(tenant.admin().run("webhooks", "list"));
    assertThat(listed.out().lines().findFirst().orElseThrow()).matches("ID +URL +EVENTS +DESCRIPTION");
    assertThat(listed.out()).contains(id.group()).contains("pager").doesNotContain(secret.group());
    assertThat(listed.out().lines()).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(80));
    assertThat(check(tenant.admin().run("webhooks", "list", "-o", "json")).out())
        .doesNotContain(secret.group()).doesNotContain("\"secret\"");

    Result shown = check(tenant.admin().run("webhooks", "show", id.group()));
    assertThat(shown.out())
        .containsPattern("(?m)^url +" + Pattern.quote(server.receiverUrl()) + "$")
        .containsPattern("(?m)^events +alert.fired, alert.resolved$")
        .containsPattern("(?m)^description +pager$")
        .doesNotContain(secret.group());
  }

  @Test
  void createAsJsonPrintsTheSecretAndWarnsOnStderr() {
    Result created = check(tenant.admin().run("webhooks", "create", server.receiverUrl(),
        "--event", "alert.fired,alert.resolved", "-o", "json"));

    JsonNode body = json(created);
    assertThat(body.get("secret").asText()).startsWith("whsec_");
    assertThat(body.get("events")).hasSize(2);
    assertThat(body.get("description").asText()).isEmpty();
    assertThat(created.err()).contains("shown only this once");
    String id = body.get("id").asText();
    Result shown = check(tenant.admin().run("webhooks", "show", id, "-o", "json"));
    assertThat(json(shown)).isEqualTo(server.apiGet("/api/v1/webhooks/" + id, tenant.adminKey()));
  }

  @Test
  void showsDeliveriesOfAnAlert() {
    String id = create("--event", "alert.fired");
    Result none = check(tenant.admin().run("webhooks", "deliveries", id));
    assertThat(none.out()).startsWith("No deliveries to " + id + " yet");

    check(tenant.admin().run("budgets", "set", "summarize", "--max-tokens-per-run", "10", "--min-samples", "1"));
    server.runs(tenant, "summarize", 1, 10, 99);
    Result listed = AgentTraffic.await(() -> tenant.admin().run("webhooks", "deliveries", id),
        r -> r.out().contains("delivered"));

    assertThat(listed.out().lines().findFirst().orElseThrow()).matches("ID +EVENT +STATE +TRIES +LAST RESULT");
    assertThat(listed.out()).containsPattern("(?m)^dlv_[0-9a-z]{26} +alert.fired +delivered +1 +HTTP 204$");
    assertThat(listed.out().lines()).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(80));

    Result asJson = check(tenant.admin().run("webhooks", "deliveries", id, "-o", "json"));
    JsonNode delivery = json(asJson).get("items").get(0);
    assertThat(delivery.get("payload").get("type").asText()).isEqualTo("alert.fired");
    assertThat(delivery.get("history").get(0).get("status").asInt()).isEqualTo(204);
    assertThat(json(asJson)).isEqualTo(server.apiGet("/api/v1/webhooks/" + id + "/deliveries", tenant.adminKey()));
  }

  @Test
  void deletesAWebhookAndItIsGone() {
    String id = create("--event", "alert.fired");

    Result deleted = check(tenant.admin().run("webhooks", "delete", id));
    assertThat(deleted.out()).contains("Deleted webhook " + id);

    Result gone = tenant.admin().run("webhooks", "show", id);
    assertThat(gone.exitCode()).isEqualTo(1);
    assertThat(gone.err()).contains("(404 not-found)");
    assertThat(check(tenant.admin().run("webhooks", "delete", id, "-o", "json")).out()).isEmpty();
    assertThat(check(tenant.admin().run("webhooks", "list")).out()).startsWith("No webhooks yet.");
  }

  @Test
  void badFieldsExit1WithTheirPointers() {
    Result bad = tenant.admin().run("webhooks", "create", "ftp://example.com/x",
        "--event", "alert.fired", "--event", "alert.exploded");

    assertThat(bad.exitCode()).isEqualTo(1);
    assertThat(bad.out()).isEmpty();
    assertThat(bad.err()).contains("(422 validation)")
        .containsPattern("(?m)^  /url: .+")
        .containsPattern("(?m)^  /events/1: unknown event 'alert.exploded'");
    assertThat(check(tenant.admin().run("webhooks", "list", "-o", "json")).out()).contains("\"items\" : [ ]");

    Result noEvent = tenant.admin().run("webhooks", "create", server.receiverUrl());
    assertThat(noEvent.exitCode()).isEqualTo(2);
    assertThat(noEvent.err()).contains("--event");
    Result noUrl = tenant.admin().run("webhooks", "create", "--event", "alert.fired");
    assertThat(noUrl.exitCode()).isEqualTo(2);
    assertThat(noUrl.err()).contains("URL");

    Result operator = server.as(tenant.agentKey()).run("webhooks", "list");
    assertThat(operator.exitCode()).isEqualTo(1);
    assertThat(operator.err()).contains("(403 forbidden)");
  }

  @Test
  void listsOnePageAndSaysHowToGetTheRest() {
    for (int i = 0; i < 3; i++) {
      create("--event", "alert.fired", "--description", "hook " + i);
    }

    Result page = check(tenant.admin().run("webhooks", "list", "--limit", "2", "-o", "json"));
    assertThat(json(page).get("items")).hasSize(2);
    String cursor = json(page).get("next_cursor").asText();
    assertThat(page.err()).contains("more: aegis webhooks list --cursor " + cursor);
    Result all = check(tenant.admin().run("webhooks", "list", "--limit", "1", "--all"));
    assertThat(all.out().lines().skip(1)).hasSize(3);
  }
}
