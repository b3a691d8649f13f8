package dev.aegis.cli;

import static dev.aegis.cli.AlertingServer.check;
import static dev.aegis.cli.AlertingServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aegis.cli.Cli.Result;
import dev.aegis.store.JdbcStores;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code aegis audit} against a real server: list, verify (also after tampering by SQL) and export. */
@Timeout(120)
class AuditCliIT {
  private static final AtomicInteger NAMES = new AtomicInteger();

  @TempDir static Path workDir;

  private static TestServer server;
  private Tenant tenant;

  /** A tenant, and a CLI acting with its admin-and-operator key. */
  private record Tenant(String name, Cli admin) {}

  @BeforeAll
  static void start() {
    server = TestServer.start(workDir);
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  /** A tenant with an admin key and an agent key (three entries), then a budget set and changed (five). */
  @BeforeEach
  void newTenant() {
    String name = "audited-" + NAMES.incrementAndGet();
    Cli system = as(server.adminKey());
    check(system.run("tenants", "create", name));
    String admin = json(check(system.run("keys", "create", "--tenant", name, "--name", "boss", "--role",
        "admin,operator", "-o", "json"))).get("secret").asText();
    check(system.run("keys", "create", "--tenant", name, "--name", "bot", "--role", "agent"));
    tenant = new Tenant(name, as(admin));
    check(tenant.admin().run("budgets", "set", "summarize", "--max-tokens-per-run", "1000"));
    check(tenant.admin().run("budgets", "set", "summarize", "--max-tokens-per-run", "2000"));
  }

  private static Cli as(String key) {
    return new Cli(Map.of("AEGIS_URL", server.url().toString(), "AEGIS_KEY", key), workDir);
  }

  @Test
  void listsTwoLinesPerEntryThatFit80Columns() {
    Result listed = check(tenant.admin().run("audit", "list"));

    List<String> lines = listed.out().lines().toList();
    assertThat(lines.getFirst()).matches("SEQ +TIME \\(UTC\\) +ACTION +OBJECT");
    assertThat(lines).hasSize(11).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(80));
    assertThat(lines.get(1)).matches("5 +20\\d\\d-\\d\\d-\\d\\d \\d\\d:\\d\\d +task_budget.set +summarize");
    assertThat(lines.get(2)).matches(" +by key_[0-9a-z]{26}, request [0-9a-f]{16}");
    assertThat(lines.get(9)).matches("1 +.* +tenant.created +ten_[0-9a-z]{26}");
    assertThat(lines.get(10)).matches("      by system, request [0-9a-f]{16}");

    JsonNode json = json(check(tenant.admin().run("audit", "list", "--action", "task_budget.*", "-o", "json")));
    assertThat(json.get("items")).hasSize(2);
    assertThat(json.at("/items/0/before/max_tokens_per_run").asInt()).isEqualTo(1000);
    assertThat(json.at("/items/0/after/max_tokens_per_run").asInt()).isEqualTo(2000);
    assertThat(json.at("/items/0/hash").asText()).hasSize(64);

    Result page = check(tenant.admin().run("audit", "list", "--actor", "system", "--limit", "2"));
    assertThat(page.out().lines()).hasSize(5);
    assertThat(page.err()).contains("more: aegis audit list --actor system --limit 2 --cursor ");
    assertThat(check(tenant.admin().run("audit", "list", "--object-type", "key", "--since", "-1h", "--all",
        "-o", "json")).out()).contains("\"key.created\"");
    assertThat(check(tenant.admin().run("audit", "list", "--action", "policy.*")).out())
        .isEqualTo("No audit entries match.\n");

    Result bad = tenant.admin().run("audit", "list", "--action", "Key", "--since", "yesterday");
    assertThat(bad.exitCode()).isEqualTo(1);
    assertThat(bad.err()).contains("action: must be an action").contains("from: must be");

    Result bySystem = check(as(server.adminKey()).run("audit", "list", "--tenant", tenant.name()));
    assertThat(bySystem.out().lines()).hasSize(11);
    Result withoutTenant = as(server.adminKey()).run("audit", "list");
    assertThat(withoutTenant.exitCode()).isEqualTo(1);
    assertThat(withoutTenant.err()).contains("?tenant=");
  }

  @Test
  void verifyExits0WhenIntactAnd3NamingTheFirstBrokenEntry() throws Exception {
    Result intact = check(tenant.admin().run("audit", "verify"));
    assertThat(intact.out()).containsPattern("The audit log of ten_[0-9a-z]{26} is intact: 5 entries checked\\.")
        .containsPattern("(?m)^head +entry 5$").containsPattern("(?m)^head hash +[0-9a-f]{64}$");

    JsonNode third = json(check(tenant.admin().run("audit", "list", "-o", "json"))).at("/items/2");
    tamper("UPDATE audit_entries SET object_id = 'key_forged' WHERE id = '" + third.get("id").asText() + "'");

    Result broken = tenant.admin().run("audit", "verify");
    assertThat(broken.exitCode()).as(broken.toString()).isEqualTo(3);
    assertThat(broken.out()).contains("is BROKEN at entry 3 (" + third.get("id").asText() + "): hash_mismatch")
        .contains("the entry was changed").containsPattern("(?m)^checked +3 entries$");
    Result asJson = tenant.admin().run("audit", "verify", "-o", "json");
    assertThat(asJson.exitCode()).isEqualTo(3);
    assertThat(json(asJson).get("ok").asBoolean()).isFalse();
    assertThat(json(asJson).at("/first_broken/sequence").asLong()).isEqualTo(3);
    assertThat(json(asJson).at("/first_broken/problem").asText()).isEqualTo("hash_mismatch");
  }

  @Test
  void exportsJsonLinesToAFileOrStdout() throws Exception {
    Result toFile = check(tenant.admin().run("audit", "export", "--out", "audit.jsonl"));
    List<String> lines = Files.readAllLines(workDir.resolve("audit.jsonl"));
    assertThat(lines).hasSize(5);
    JsonNode first = AlertingServer.JSON.readTree(lines.getFirst());
    assertThat(first.get("sequence").asLong()).isEqualTo(1);
    assertThat(first.get("action").asText()).isEqualTo("tenant.created");
    String headHash = AlertingServer.JSON.readTree(lines.getLast()).get("hash").asText();
    assertThat(toFile.err()).contains("exported 5 entries to audit.jsonl, up to entry 5 (head hash " + headHash);
    assertThat(toFile.out()).isEmpty();
    try (var files = Files.list(workDir)) {
      assertThat(files.map(p -> p.getFileName().toString())).noneMatch(name -> name.endsWith(".partial"));
    }

    Result toStdout = check(tenant.admin().run("audit", "export"));
    assertThat(toStdout.out().lines().toList()).isEqualTo(lines);
    Result bySystem = check(as(server.adminKey()).run("audit", "export", "--tenant", tenant.name()));
    assertThat(bySystem.out().lines().toList()).isEqualTo(lines);

    JsonNode last = AlertingServer.JSON.readTree(lines.getLast());
    tamper("DELETE FROM audit_entries WHERE id = '" + last.get("id").asText() + "'");
    Result cut = tenant.admin().run("audit", "export", "--out", "cut.jsonl");
    assertThat(cut.exitCode()).isEqualTo(3);
    assertThat(cut.err()).contains("the export ends at entry 4, but the head is entry 5");
    Result verify = tenant.admin().run("audit", "verify");
    assertThat(verify.exitCode()).isEqualTo(3);
    assertThat(verify.out()).contains("is BROKEN at entry 5 (missing): head_mismatch");
  }

  private static void tamper(String sql) {
    Path database = workDir.resolve("aegis-data").resolve(JdbcStores.SQLITE_FILE);
    Jdbi.create("jdbc:sqlite:" + database).useHandle(h -> {
      h.execute("DROP TRIGGER IF EXISTS audit_entries_no_update");
      h.execute("DROP TRIGGER IF EXISTS audit_entries_no_delete");
      h.execute(sql);
    });
  }
}
