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

/** {@code aegis policy} against a real server, with policy files on disk. */
@Timeout(120)
class PolicyCliIT {
  static final String ID = "policy-agent-summarizer";
  static final String STRICTER_YAML = """
      # the brief's policy with a lower size threshold
      policy_id: policy-agent-summarizer
      capabilities: [read:documents, write:summaries]
      connectors:
        s3: {role: read-only, rate_limit_per_min: 120}
        db: {role: write-limited, rate_limit_per_min: 30}
      approval_thresholds:
        "write:size_mb": 40
        "write:external_domain": [requires_approval]
      """;
  static final String BROKEN_YAML = """
      policy_id: policy-agent-summarizer
      capabilities: [read:documents, summaries]
      connectors:
        s3: {role: read-mostly}
      colour: red
      """;

  @TempDir static Path dataDir;
  @TempDir static Path workDir;

  private static PolicyServer server;
  private Tenant tenant;

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
  void newTenant() {
    tenant = server.newTenant();
  }

  @Test
  void validateChecksOfflineAndListsEveryErrorWithItsPointer() {
    String good = server.file("summarizer.json", SAMPLE_JSON);
    String broken = server.file("broken.yaml", BROKEN_YAML);
    Cli offline = new Cli(java.util.Map.of("AEGIS_URL", "http://127.0.0.1:1"), workDir);

    Result valid = offline.run("policy", "validate", good);
    assertThat(valid.exitCode()).as(valid.toString()).isZero();
    assertThat(valid.out()).isEqualTo("""
        summarizer.json: valid policy policy-agent-summarizer
          2 capabilities, 2 connectors, 2 approval thresholds; applies to every agent and task type
        """);

    Result invalid = offline.run("policy", "validate", broken);
    assertThat(invalid.exitCode()).isEqualTo(1);
    assertThat(invalid.out()).startsWith("broken.yaml: not a valid policy, 3 errors:\n")
        .containsPattern("(?m)^  /capabilities/1: capability 'summaries' .+")
        .containsPattern("(?m)^  /connectors/s3/role: role 'read-mostly' is not known.+")
        .containsPattern("(?m)^  /colour: unknown field 'colour'.+");

    Result syntax = offline.run("policy", "validate", server.file("syntax.json", "{\"policy_id\": "));
    assertThat(syntax.exitCode()).isEqualTo(1);
    assertThat(syntax.out()).containsPattern("(?m)^  \\(document\\): not valid JSON at line 1.+");

    Result asJson = offline.run("policy", "validate", broken, "-o", "json");
    assertThat(asJson.exitCode()).isEqualTo(1);
    assertThat(json(asJson).get("valid").asBoolean()).isFalse();
    assertThat(json(asJson).get("format").asText()).isEqualTo("yaml");
    assertThat(json(asJson).get("errors").findValuesAsText("pointer"))
        .containsExactlyInAnyOrder("/capabilities/1", "/connectors/s3/role", "/colour");

    Result missing = offline.run("policy", "validate", "nowhere.json");
    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.err()).contains("error: there is no file nowhere.json");
  }

  @Test
  void validateOnTheServerGivesTheSameErrors() {
    String broken = server.file("broken.yaml", BROKEN_YAML);

    Result remote = tenant.admin().run("policy", "validate", broken, "--server");

    assertThat(remote.exitCode()).isEqualTo(1);
    Result local = tenant.admin().run("policy", "validate", broken);
    assertThat(remote.out().lines().skip(1).sorted().toList()).isEqualTo(local.out().lines().skip(1).sorted().toList());
    Result good = server.as(tenant.approverKey()).run("policy", "validate", server.file("p.json", SAMPLE_JSON),
        "--server");
    assertThat(good.exitCode()).as(good.toString()).isZero();
    assertThat(good.out()).startsWith("p.json: valid policy policy-agent-summarizer (checked by the server)");
    Result forbidden = server.as(tenant.agentKey()).run("policy", "validate", broken, "--server");
    assertThat(forbidden.exitCode()).isEqualTo(1);
    assertThat(forbidden.err()).contains("(403 forbidden)");
  }

  @Test
  void appliesListsShowsDiffsRollsBackAndDeletes() {
    String v1 = server.file("summarizer.json", SAMPLE_JSON);
    String v2 = server.file("summarizer.yaml", STRICTER_YAML);

    Result created = tenant.admin().run("policy", "apply", v1, "--comment", "the brief's policy", "--create-only");
    assertThat(created.exitCode()).as(created.toString()).isZero();
    assertThat(created.out())
        .isEqualTo("Created policy-agent-summarizer@1 from summarizer.json; it is in force now.\n");
    Result again = check(tenant.admin().run("policy", "apply", v1));
    assertThat(again.out()).isEqualTo("policy-agent-summarizer@1 already has this document; nothing was stored.\n");

    Result updated = check(tenant.admin().run("policy", "apply", v2, "--if-version", "1"));
    assertThat(updated.out()).startsWith("Applied policy-agent-summarizer@2 (was @1) from summarizer.yaml")
        .contains("what changed: aegis policy diff policy-agent-summarizer")
        .contains("undo:         aegis policy rollback policy-agent-summarizer --to 1");

    Result diff = check(tenant.admin().run("policy", "diff", ID));
    assertThat(diff.out()).isEqualTo("""
        policy-agent-summarizer: @1 -> @2, 1 change
        ~ /approval_thresholds/write:size_mb
            - 50
            + 40
        """);

    Result listed = check(server.as(tenant.approverKey()).run("policy", "list"));
    assertThat(listed.out().lines().toList()).hasSize(2)
        .allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(80));
    assertThat(listed.out()).containsPattern("(?m)^policy-agent-summarizer +@2 +update +20\\d\\d-\\d\\d-\\d\\dT.+Z$");

    Result shown = check(tenant.admin().run("policy", "show", ID));
    assertThat(shown.out()).containsPattern("(?m)^version +policy-agent-summarizer@2  \\(update\\)$")
        .containsPattern("(?m)^changed by +key_[0-9a-z]{26}$")
        .contains("\"write:size_mb\" : 40");
    Result source = check(tenant.admin().run("policy", "show", ID, "--source"));
    assertThat(source.out()).isEqualTo(STRICTER_YAML);
    Result oldSource = check(tenant.admin().run("policy", "show", ID, "--version", "1", "--source"));
    assertThat(oldSource.out()).isEqualTo(SAMPLE_JSON);

    Result rolledBack = check(tenant.admin().run("policy", "rollback", ID, "--to", "1", "--comment", "40 is too low"));
    assertThat(rolledBack.out())
        .isEqualTo("Rolled policy-agent-summarizer back to the document of @1: policy-agent-summarizer@3 is in force"
            + " now.\n");
    assertThat(check(tenant.admin().run("policy", "diff", ID, "--from", "1", "--to", "3")).out())
        .isEqualTo("policy-agent-summarizer: @1 -> @3, no changes (the same document)\n");

    Result history = check(tenant.admin().run("policy", "history", ID));
    assertThat(history.out()).containsPattern("(?m)^VERSION +CHANGE +BY +AT \\(UTC\\)$")
        .containsPattern("(?m)^@3 +rollback to @1 +key_[0-9a-z]{26} +20.+Z\\R +\"40 is too low\"$")
        .containsPattern("(?m)^@2 +update +key_")
        .containsPattern("(?m)^@1 +create +key_[0-9a-z]{26} +20.+Z\\R +\"the brief's policy\"$");

    Result deleted = check(tenant.admin().run("policy", "delete", ID));
    assertThat(deleted.out()).startsWith("Deleted policy-agent-summarizer; it no longer applies to any agent.");
    assertThat(check(tenant.admin().run("policy", "list")).out()).contains("No policies yet");
    Result gone = tenant.admin().run("policy", "show", ID);
    assertThat(gone.exitCode()).isEqualTo(1);
    assertThat(gone.err()).contains("(404 not-found)");
    assertThat(check(tenant.admin().run("policy", "show", ID, "--version", "4")).out())
        .contains("(this version deletes the policy; it has no document)");
    assertThat(check(tenant.admin().run("policy", "rollback", ID, "--to", "2")).out()).contains("@5 is in force now");
  }

  @Test
  void jsonOutputIsWhatTheApiAnswers() {
    String file = server.file("summarizer.json", SAMPLE_JSON);
    Result applied = check(tenant.admin().run("policy", "apply", file, "-o", "json"));
    assertThat(json(applied).get("changed").asBoolean()).isTrue();
    assertThat(json(applied).at("/policy/ref").asText()).isEqualTo(ID + "@1");

    String key = tenant.adminKey();
    assertThat(json(check(tenant.admin().run("policy", "show", ID, "-o", "json"))))
        .isEqualTo(server.apiGet("/api/v1/policies/" + ID, key));
    assertThat(json(check(tenant.admin().run("policy", "list", "-o", "json"))))
        .isEqualTo(server.apiGet("/api/v1/policies", key));
    assertThat(json(check(tenant.admin().run("policy", "history", ID, "-o", "json"))))
        .isEqualTo(server.apiGet("/api/v1/policies/" + ID + "/versions", key));
    assertThat(json(check(tenant.admin().run("policy", "explain", "summarizer-1", "-o", "json"))))
        .isEqualTo(server.apiGet("/api/v1/agents/summarizer-1/effective-policy", key));
    check(tenant.admin().run("policy", "apply", server.file("s.yaml", STRICTER_YAML)));
    assertThat(json(check(tenant.admin().run("policy", "diff", ID, "-o", "json"))))
        .isEqualTo(server.apiGet("/api/v1/policies/" + ID + "/diff", key));
    assertThat(check(tenant.admin().run("policy", "delete", ID, "-o", "json")).out()).isEmpty();
  }

  @Test
  void refusalsExitWithTheProblemAndNothingIsStored() {
    String broken = server.file("broken.yaml", BROKEN_YAML);
    Result invalid = tenant.admin().run("policy", "apply", broken);
    assertThat(invalid.exitCode()).isEqualTo(1);
    assertThat(invalid.out()).isEmpty();
    assertThat(invalid.err()).startsWith("error: broken.yaml is not a valid policy, so nothing was sent:")
        .containsPattern("(?m)^  /connectors/s3/role: .+");
    assertThat(tenant.admin().run("policy", "show", ID).exitCode()).as("nothing stored").isEqualTo(1);

    String file = server.file("summarizer.json", SAMPLE_JSON);
    check(tenant.admin().run("policy", "apply", file));
    check(tenant.admin().run("policy", "apply", server.file("s.yaml", STRICTER_YAML)));
    Result stale = tenant.admin().run("policy", "apply", file, "--if-version", "1");
    assertThat(stale.exitCode()).isEqualTo(1);
    assertThat(stale.err()).contains("(412 precondition-failed)").contains("expected version 1")
        .contains("latest version is 2").contains("request id: ");
    Result exists = tenant.admin().run("policy", "apply", file, "--create-only");
    assertThat(exists.exitCode()).isEqualTo(1);
    assertThat(exists.err()).contains("(412 precondition-failed)");
    assertThat(check(tenant.admin().run("policy", "show", ID)).out()).as("still @2").contains(ID + "@2");

    Result both = tenant.admin().run("policy", "apply", file, "--if-version", "2", "--create-only");
    assertThat(both.exitCode()).isEqualTo(2);
    Result forbidden = server.as(tenant.approverKey()).run("policy", "apply", file);
    assertThat(forbidden.exitCode()).isEqualTo(1);
    assertThat(forbidden.err()).contains("(403 forbidden)");
    Result noSuchVersion = tenant.admin().run("policy", "rollback", ID, "--to", "9");
    assertThat(noSuchVersion.exitCode()).isEqualTo(1);
    assertThat(noSuchVersion.err()).contains("(404 not-found)").contains("no version 9");
    Result noTo = tenant.admin().run("policy", "rollback", ID);
    assertThat(noTo.exitCode()).isEqualTo(2);
    assertThat(noTo.err()).contains("--to");
  }

  @Test
  void explainSaysWhichPolicyVersionGaveWhat() {
    check(tenant.admin().run("policy", "apply", server.file("summarizer.json", SAMPLE_JSON)));
    check(tenant.admin().run("policy", "apply", server.file("support.yaml", """
        policy_id: support
        bindings:
          - labels: {team: support}
        capabilities: ["write:tickets"]
        denies: ["delete:*"]
        connectors:
          db: {role: read-write, rate_limit_per_min: 10}
        approval_thresholds:
          "write:size_mb": 20
        rules:
          - id: no-prod-drafts
            when: run.stage == 'draft' && request.resource.startsWith('prod/')
            effect: deny
            reason: drafts never touch prod
        validators:
          "write:tickets": {max_size_mb: 5, allowed_domains: [example.com]}
        """)));

    Result plain = check(server.as(tenant.agentKey()).run("policy", "explain", "summarizer-1"));
    assertThat(plain.out()).startsWith("Effective policy of agent summarizer-1, task type (none), labels (none)")
        .containsPattern("(?m)^policies  policy-agent-summarizer@1$")
        .doesNotContain("write:tickets");

    Result support = check(tenant.admin().run("policy", "explain", "helper-1", "--task-type", "triage",
        "--label", "team=support"));
    assertThat(support.out())
        .containsPattern("(?m)^policies  policy-agent-summarizer@1, support@1$")
        .containsPattern("(?m)^  write:tickets +from support@1$")
        .containsPattern("(?m)^  read:documents +from policy-agent-summarizer@1$")
        .containsPattern("(?m)^  delete:\\* +from support@1$")
        .containsPattern("(?m)^  db +write-limited +from policy-agent-summarizer@1$")
        .containsPattern("(?m)^ +10 calls/min +from support@1$")
        .containsPattern("(?m)^  write:size_mb +20 +from support@1$")
        .containsPattern("(?m)^  write:external_domain +requires_approval +from policy-agent-summarizer@1$")
        .containsPattern("(?m)^  no-prod-drafts  deny  from support@1$")
        .contains("when run.stage == 'draft' && request.resource.startsWith('prod/')")
        .containsPattern("(?m)^  write:tickets +size_mb at most 5; only to example.com +from support@1$");

    Result none = check(tenant.admin().run("policy", "explain", "x"));
    assertThat(none.out()).doesNotContain("support@1");
    check(tenant.admin().run("policy", "delete", ID));
    assertThat(check(tenant.admin().run("policy", "explain", "x")).out())
        .contains("No enforced policy binds this agent and task type, so every action is denied (no_policy).");
    Result badLabel = tenant.admin().run("policy", "explain", "x", "--label", "team");
    assertThat(badLabel.exitCode()).isEqualTo(2);
    assertThat(badLabel.err()).contains("--label takes NAME=VALUE");
  }
}
