package dev.aegis.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aegis.cli.Cli.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Runs {@code aegis demo} end to end, as a new user would. */
@Timeout(180)
class DemoIT {
  @TempDir Path workDir;

  @Test
  void theDemoTellsEveryChapterOnAnEmbeddedServerAndCleansUp() {
    Result demo = new Cli(Map.of(), workDir).run("demo");

    assertThat(demo.exitCode()).as(demo.toString()).isZero();
    String out = demo.out();
    assertThat(out)
        .contains("1. Tenants and keys")
        .containsPattern("ok: tenant acme, id ten_[0-9a-z]{26}")
        .containsPattern("ok: key support-bot, id key_[0-9a-z]{26}\\R +prefix aegis_[A-Za-z0-9]{8}, roles agent")
        .contains("refused as expected: 401 unauthenticated")
        .contains("refused as expected: 403 forbidden")
        .contains("refused as expected: 422 validation")
        .contains("/roles/0: ")
        .contains("refused as expected: 404 not-found")
        .containsPattern("key support-bot \\(aegis_[A-Za-z0-9]{8}\\) revoked at 20")
        .contains("6. Telemetry: runs, their span tree, and redaction")
        .contains("ok: 6 spans exported and acknowledged")
        .containsPattern("run-20260529-02 +refunder-7 +refund +ERROR")
        .containsPattern("run-20260529-01 +planner-3 +triage +ok")
        .contains("ok: lineage: run-20260529-01 started run-20260529-02")
        .containsPattern("X execute_tool billing.refund +tool +60 ms +ERROR")
        .contains("POST https://billing.example.com/v1/refunds -> 503")
        .containsPattern("stored  <EMAIL:[0-9a-f]{8}>")
        .containsPattern("stored  <CARD:[0-9a-f]{8}>")
        .containsPattern("stored  <PHONE:[0-9a-f]{8}>")
        .containsPattern("stored  https://crm.example.com/api/customers\\?email=<EMAIL:[0-9a-f]{8}>")
        .contains("7. Policies: one decision point before every side effect")
        .contains("ok: policy-agent-summarizer@1 created, in force at once")
        .contains("ok: allow (capability_granted): read:documents is granted by")
        .contains("ok: allow (capability_granted): write:summaries is granted by")
        .contains("ok: deny (capability_not_granted): no bound policy grants")
        .contains("ok: deny (connector_read_only): connector 's3' is read-only")
        .contains("ok: require_approval (approval_threshold): size_mb 60 is above the")
        .contains("ok: require_approval (approval_threshold): external_domain is set")
        .contains("ok: calls 1 to 30: allow")
        .containsPattern("call 31: rate_limited, retry_after_ms (1?[0-9]{1,3}|2000)\\R")
        .contains("""
                policy-agent-summarizer: @1 -> @2, 1 change
                ~ /approval_thresholds/write:size_mb
                    - 50
                    + 40
            """)
        .contains("ok: require_approval (approval_threshold): size_mb 45 is above the")
        .contains("ok: policy-agent-summarizer@3: a new version with the document of @1")
        .contains("policy-agent-summarizer: @2 -> @3, 1 change")
        .contains("8. The audit log")
        .contains("ok: intact: ")
        .contains("All 8 chapters answered as the API promises.")
        .contains("Where to look next:")
        .contains("docs/api.md")
        .contains("docs/configuration.md")
        .contains("./aegis server")
        .contains("./aegis --help");
    assertThat(out).doesNotContainPattern("aegis_[A-Za-z0-9]{8}_[A-Za-z0-9]{43}");
    assertThat(out.lines().filter(line -> line.contains("stored  ")))
        .as("no sent secret survives in what was stored")
        .noneMatch(line -> line.contains("jane.doe@example.com") || line.contains("4111 1111")
            || line.contains("8f14e45fceea167a5a36dedd4bea2543") || line.contains("555 0100"));

    Matcher dataDir = Pattern.compile("data in +(\\S+)").matcher(out);
    assertThat(dataDir.find()).as("the demo says where its data is").isTrue();
    assertThat(Path.of(dataDir.group(1))).doesNotExist();
    assertThat(workDir.resolve("aegis-data")).doesNotExist();
  }

  @Test
  void theDemoRunsTwiceAgainstTheSameRunningServer() throws Exception {
    try (TestServer server = TestServer.start(workDir)) {
      for (int run = 0; run < 2; run++) {
        Result demo =
            new Cli(Map.of(), workDir).run("demo", "--url", server.url().toString(), "--key", server.adminKey());

        assertThat(demo.exitCode()).as(demo.toString()).isZero();
        assertThat(demo.out()).containsPattern("ok: tenant acme-[0-9a-f]{4}, id ten_").contains("All 8 chapters");
      }
      assertThat(Files.exists(workDir.resolve("aegis-data/admin.key"))).isTrue();
    }
  }

  @Test
  void theDemoNeedsTheSystemKeyOnARunningServer() {
    try (TestServer server = TestServer.start(workDir)) {
      Result demo = new Cli(Map.of(), workDir.resolve("nowhere")).run("demo", "--url", server.url().toString());

      assertThat(demo.exitCode()).isEqualTo(2);
      assertThat(demo.err()).contains("needs the system admin key");
    }
  }
}
