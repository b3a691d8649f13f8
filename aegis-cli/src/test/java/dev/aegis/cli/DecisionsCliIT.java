package dev.aegis.cli;

import static dev.aegis.cli.PolicyServer.SAMPLE_JSON;
import static dev.aegis.cli.PolicyServer.check;
import static dev.aegis.cli.PolicyServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aegis.cli.Cli.Result;
import dev.aegis.cli.PolicyServer.Tenant;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code aegis decide}, {@code aegis decisions} and {@code aegis ratecaps} against a real server. */
@Timeout(120)
class DecisionsCliIT {
  @TempDir static Path dataDir;
  @TempDir static Path workDir;

  private static PolicyServer server;
  private Tenant tenant;
  private Cli agent;

  @BeforeAll
  static void start() {
    server = PolicyServer.start(dataDir, workDir);
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  @BeforeEach
  void newTenantWithTheBriefsPolicy() {
    tenant = server.newTenant();
    check(tenant.admin().run("policy", "apply", server.file("summarizer.json", SAMPLE_JSON)));
    agent = server.as(tenant.agentKey());
  }

  private Result decide(String... args) {
    String[] all = new String[args.length + 1];
    all[0] = "decide";
    System.arraycopy(args, 0, all, 1, args.length);
    return check(agent.run(all));
  }

  @Test
  void theBriefsPolicyGivesEachOutcome() {
    assertThat(decide("--agent", "summarizer-1", "--action", "read:documents", "--connector", "s3").out())
        .matches("(?s)allow  dec_[0-9a-z]{26}\n  capability_granted: read:documents is granted by "
            + "policy-agent-summarizer@1\n  policies: policy-agent-summarizer@1\n");
    assertThat(decide("--agent", "summarizer-1", "--action", "write:summaries", "--connector", "db").out())
        .startsWith("allow  dec_");
    assertThat(decide("--agent", "summarizer-1", "--action", "delete:documents", "--connector", "db").out())
        .containsPattern("^deny  dec_").contains("  capability_not_granted: ");
    assertThat(decide("--agent", "summarizer-1", "--action", "write:summaries", "--connector", "s3").out())
        .containsPattern("^deny  dec_").contains("  connector_read_only: connector 's3' is read-only");
    assertThat(decide("--agent", "summarizer-1", "--action", "write:summaries", "--connector", "db",
        "--attr", "size_mb=60").out())
        .containsPattern("^require_approval  dec_")
        .contains("  approval_threshold: size_mb 60 is above the threshold write:size_mb = 50");
    assertThat(decide("--agent", "summarizer-1", "--action", "write:summaries", "--connector", "db",
        "--attr", "external_domain=partner.example.com").out())
        .containsPattern("^require_approval  dec_").contains("external_domain");

    for (int call = 2; call <= 30; call++) {
      assertThat(decide("--agent", "summarizer-1", "--action", "write:summaries", "--connector", "db").out())
          .as("call %d", call).startsWith("allow");
    }
    Result limited = decide("--agent", "summarizer-1", "--action", "write:summaries", "--connector", "db");
    assertThat(limited.out()).containsPattern("^rate_limited  dec_").contains("  retry after: 2000 ms\n");

    Result asJson = decide("--agent", "summarizer-1", "--action", "write:summaries", "--connector", "db",
        "--task-type", "summarize", "--run", "run-7", "--stage", "draft", "--resource", "summaries/1",
        "--label", "team=docs", "--attr", "pages=3", "--attr", "urgent=true", "-o", "json");
    JsonNode decision = json(asJson);
    assertThat(decision.get("outcome").asText()).isEqualTo("rate_limited");
    assertThat(decision.get("retry_after_ms").asLong()).isEqualTo(2000);
    JsonNode logged = server.apiGet("/api/v1/decisions/" + decision.get("decision_id").asText(), tenant.adminKey());
    assertThat(logged.get("run_id").asText()).isEqualTo("run-7");
    assertThat(logged.get("stage").asText()).isEqualTo("draft");
    assertThat(logged.get("resource").asText()).isEqualTo("summaries/1");
    assertThat(logged.at("/attributes/pages").isInt()).as("--attr pages=3 is a number").isTrue();
    assertThat(logged.at("/attributes/urgent").isBoolean()).isTrue();
  }

  @Test
  void badDecisionRequestsExitWithTheirPointerOrAUsageError() {
    Result bad = agent.run("decide", "--agent", "summarizer-1", "--action", "delete");
    assertThat(bad.exitCode()).isEqualTo(1);
    assertThat(bad.err()).contains("(422 validation)").containsPattern("(?m)^  /action: must be verb:resource.+");

    Result noAction = agent.run("decide", "--agent", "summarizer-1");
    assertThat(noAction.exitCode()).isEqualTo(2);
    assertThat(noAction.err()).contains("--action");
    Result badAttr = agent.run("decide", "--agent", "a", "--action", "read:documents", "--attr", "size_mb");
    assertThat(badAttr.exitCode()).isEqualTo(2);
    assertThat(badAttr.err()).contains("--attr takes NAME=VALUE");
    Result approver = server.as(tenant.approverKey()).run("decide", "--agent", "a", "--action", "read:documents");
    assertThat(approver.exitCode()).isEqualTo(1);
    assertThat(approver.err()).contains("(403 forbidden)");
    assertThat(check(tenant.admin().run("decisions", "list")).out()).as("nothing logged")
        .isEqualTo("No logged decisions match.\n");
  }

  @Test
  void theLogIsListedNewestFirstFilteredAndShown() {
    decide("--agent", "summarizer-1", "--action", "read:documents", "--connector", "s3");
    Result denied = decide("--agent", "summarizer-1", "--action", "write:summaries", "--connector", "s3",
        "--run", "run-9", "-o", "json");
    decide("--agent", "summarizer-2", "--action", "write:summaries", "--connector", "db", "--attr", "size_mb=60",
        "--attr", "contact=\"jane.doe@example.com\"");
    String deniedId = json(denied).get("decision_id").asText();

    Result all = check(tenant.admin().run("decisions", "list"));
    assertThat(all.out().lines().toList()).hasSize(7)
        .allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(80));
    assertThat(all.out()).startsWith("AT (UTC)        OUTCOME           AGENT         ACTION\n")
        .containsPattern("(?m)^\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d  require_approval  summarizer-2  "
            + "write:summaries via db\\R {16}dec_[0-9a-z]{26}  approval_threshold$")
        .containsPattern("(?m)^.+deny +summarizer-1  write:summaries via s3\\R {16}" + deniedId
            + "  connector_read_only$");

    Result denies = check(tenant.admin().run("decisions", "list", "--outcome", "deny", "--from", "-1h"));
    assertThat(denies.out().lines().toList()).hasSize(3);
    assertThat(denies.out()).contains(deniedId);
    Result byRun = check(tenant.admin().run("decisions", "list", "--run", "run-9", "-o", "json"));
    assertThat(byRun.out()).contains(deniedId);
    assertThat(json(byRun).get("items")).hasSize(1);
    Result later = check(tenant.admin().run("decisions", "list", "--from", server.now.plusSeconds(1).toString()));
    assertThat(later.out()).isEqualTo("No logged decisions match.\n");

    Result page = check(tenant.admin().run("decisions", "list", "--agent", "summarizer-1", "--limit", "1"));
    assertThat(page.err()).contains("more: aegis decisions list --agent summarizer-1 --limit 1 --cursor ");

    Result shown = check(server.as(tenant.approverKey()).run("decisions", "show", deniedId));
    assertThat(shown.out()).containsPattern("(?m)^decision +" + deniedId + "$")
        .containsPattern("(?m)^outcome +deny$")
        .containsPattern("(?m)^run +run-9$")
        .containsPattern("(?m)^policies +policy-agent-summarizer@1$")
        .containsPattern("(?m)^  connector_read_only: .+");
    String redactedId = json(check(tenant.admin().run("decisions", "list", "--agent", "summarizer-2", "-o",
        "json"))).at("/items/0/decision_id").asText();
    assertThat(check(tenant.admin().run("decisions", "show", redactedId)).out())
        .doesNotContain("jane.doe@example.com").contains("<EMAIL:");
    assertThat(json(check(tenant.admin().run("decisions", "show", deniedId, "-o", "json"))))
        .isEqualTo(server.apiGet("/api/v1/decisions/" + deniedId, tenant.adminKey()));

    Result missing = tenant.admin().run("decisions", "show", "dec_00000000000000000000000000");
    assertThat(missing.exitCode()).isEqualTo(1);
    assertThat(missing.err()).contains("(404 not-found)");
    Result badTime = tenant.admin().run("decisions", "list", "--from", "yesterday");
    assertThat(badTime.exitCode()).isEqualTo(2);
    assertThat(badTime.err()).contains("--from is a time such as");
    Result badOutcome = tenant.admin().run("decisions", "list", "--outcome", "maybe");
    assertThat(badOutcome.exitCode()).isEqualTo(1);
    assertThat(badOutcome.err()).contains("(400 malformed-request)").containsPattern("(?m)^  outcome: .+");
    Result agentReads = agent.run("decisions", "list");
    assertThat(agentReads.exitCode()).isEqualTo(1);
    assertThat(agentReads.err()).contains("(403 forbidden)");
  }

  @Test
  void anOverrideReplacesThePolicyCapUntilDeleted() {
    Result set = check(tenant.admin().run("ratecaps", "set", "--agent", "*", "--connector", "db", "--limit", "2",
        "--for", "1h", "--reason", "db failing over"));
    assertThat(set.out()).startsWith("Set: every agent may call db 2 times a minute until ")
        .containsPattern("(?m)^  agent +\\* \\(every agent\\)$")
        .containsPattern("(?m)^  reason +db failing over$");
    String id = set.out().replaceAll("(?s).*aegis ratecaps delete (cap_[0-9a-z]{26}).*", "$1");
    assertThat(id).startsWith("cap_");

    decide("--agent", "summarizer-1", "--action", "write:summaries", "--connector", "db");
    decide("--agent", "summarizer-1", "--action", "write:summaries", "--connector", "db");
    assertThat(decide("--agent", "summarizer-1", "--action", "write:summaries", "--connector", "db").out())
        .startsWith("rate_limited").contains("retry after: 30000 ms");

    Result listed = check(tenant.admin().run("ratecaps", "list"));
    assertThat(listed.out()).containsPattern("(?m)^ID +AGENT +CONNECTOR +PER MIN +EXPIRES \\(UTC\\)$")
        .containsPattern("(?m)^" + id + " +\\* +db +2 +20.+Z\\R    \"db failing over\"$");
    assertThat(listed.out().lines()).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(80));
    assertThat(json(check(tenant.admin().run("ratecaps", "list", "-o", "json"))))
        .isEqualTo(server.apiGet("/api/v1/rate-caps", tenant.adminKey()));

    Result until = check(tenant.admin().run("ratecaps", "set", "--agent", "summarizer-2", "--connector", "s3",
        "--limit", "500", "--until", server.now.plusSeconds(7200).toString(), "-o", "json"));
    assertThat(json(until).get("expires_at").asText()).isEqualTo(server.now.plusSeconds(7200).toString());

    assertThat(check(tenant.admin().run("ratecaps", "delete", id)).out())
        .isEqualTo("Deleted override " + id + "; the policies' cap applies again.\n");
    // the bucket is still empty (the clock stands still), but it refills at the policy's 30 a minute again
    assertThat(decide("--agent", "summarizer-1", "--action", "write:summaries", "--connector", "db").out())
        .startsWith("rate_limited").contains("retry after: 2000 ms");
    Result again = tenant.admin().run("ratecaps", "delete", id);
    assertThat(again.exitCode()).isEqualTo(1);
    assertThat(again.err()).contains("(404 not-found)");
  }

  @Test
  void badOverridesAreRefusedAndNothingIsStored() {
    Result noExpiry = tenant.admin().run("ratecaps", "set", "--agent", "a", "--connector", "db", "--limit", "5");
    assertThat(noExpiry.exitCode()).isEqualTo(2);
    assertThat(noExpiry.err()).contains("--for").contains("--until");
    Result badUntil = tenant.admin().run("ratecaps", "set", "--agent", "a", "--connector", "db", "--limit", "5",
        "--until", "tomorrow");
    assertThat(badUntil.exitCode()).isEqualTo(2);

    Result invalid = tenant.admin().run("ratecaps", "set", "--agent", "a", "--connector", "*", "--limit", "0",
        "--for", "90d");
    assertThat(invalid.exitCode()).isEqualTo(1);
    assertThat(invalid.err()).contains("(422 validation)")
        .containsPattern("(?m)^  /connector: .+")
        .containsPattern("(?m)^  /limit_per_min: .+")
        .containsPattern("(?m)^  /expires_in: .+");
    Result agentSets = agent.run("ratecaps", "set", "--agent", "a", "--connector", "db", "--limit", "5", "--for",
        "1m");
    assertThat(agentSets.exitCode()).isEqualTo(1);
    assertThat(agentSets.err()).contains("(403 forbidden)");
    assertThat(check(tenant.admin().run("ratecaps", "list")).out()).startsWith("No overrides in force");
  }
}
