package dev.aegis.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aegis.core.audit.AuditChain;
import dev.aegis.core.audit.AuditEntry;
import dev.aegis.core.audit.CanonicalJson;
import dev.aegis.server.secret.MasterKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The audit log through the API of a real server: what each change records, the list with its filters, verify
 * after tampering by SQL, the export verified offline, and changes rolled back when their entry cannot be written.
 * Run once per database.
 */
abstract class AuditContract {
  static final String AUDIT = "/api/v1/audit";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dataDir;
  MutableClock clock = new MutableClock(Instant.parse("2026-11-25T12:00:00.000Z"));
  TestServer api;
  String acmeId;
  String admin;
  String adminKeyId;
  String operator;
  String agent;
  String globexAdmin;

  /** Settings that pick the database; the server also may deliver webhooks to loopback. */
  abstract Map<String, String> databaseSettings();

  /** A connection to the server's database, around the server, as an attacker with write access would have. */
  abstract Jdbi rawDatabase();

  /** What an attacker runs first: the statements that drop the append-only triggers. */
  abstract List<String> dropAppendOnlyTriggers();

  /** Statements that make every audit append fail, as a full or broken table would. */
  abstract List<String> breakAuditAppends();

  @BeforeEach
  void startServer() {
    Map<String, String> settings = new java.util.HashMap<>(databaseSettings());
    settings.put("webhooks.allow_private_networks", "true");
    api = TestServer.start(dataDir, settings, clock);
    acmeId = api.createTenant("acme");
    api.createTenant("globex");
    JsonNode adminKey = api.createKey("acme", "boss", "admin");
    admin = adminKey.path("secret").asText();
    adminKeyId = adminKey.path("id").asText();
    operator = api.createKey("acme", "on-call", "operator").path("secret").asText();
    agent = api.createKey("acme", "summarizer", "agent").path("secret").asText();
    globexAdmin = api.createKey("globex", "admin", "admin").path("secret").asText();
  }

  @AfterEach
  void stopServer() {
    api.close();
  }

  @Test
  void tenantsAndKeysAreRecordedWithoutSecrets() {
    JsonNode entries = list("", operator);
    // newest first: the four keys, then the tenant
    assertThat(actions(entries)).containsExactly("key.created", "key.created", "key.created", "tenant.created");
    JsonNode tenant = entries.get(3);
    assertThat(tenant.path("sequence").asLong()).isEqualTo(1);
    assertThat(tenant.path("actor").asText()).isEqualTo("system");
    assertThat(tenant.path("object_type").asText()).isEqualTo("tenant");
    assertThat(tenant.path("object_id").asText()).isEqualTo(acmeId);
    assertThat(tenant.path("after").path("name").asText()).isEqualTo("acme");
    assertThat(tenant.path("before").isNull()).isTrue();
    assertThat(tenant.path("prev_hash").asText()).isEqualTo(AuditChain.GENESIS);
    assertThat(tenant.path("request_id").asText()).isNotBlank();
    assertThat(tenant.path("at").asText()).isEqualTo("2026-11-25T12:00:00.000Z");

    JsonNode boss = entries.get(2);
    assertThat(boss.path("object_id").asText()).isEqualTo(adminKeyId);
    assertThat(fieldNames(boss.path("after"))).as("stored canonical: sorted").containsExactly("created_at", "id",
        "last_used_at", "name", "prefix", "revoked_at", "roles", "tenant_id");
    assertThat(boss.path("after").path("roles").toString()).isEqualTo("[\"admin\"]");
    assertThat(boss.path("prev_hash").asText()).isEqualTo(tenant.path("hash").asText());

    String agentId = keyId(agent);
    api.send(api.request("/api/v1/tenants/acme/keys/" + agentId, admin)
        .header("X-Request-Id", "revoke-the-bot").DELETE()).assertStatus(204);
    JsonNode revocation = list("", operator).get(0);
    assertThat(revocation.path("action").asText()).isEqualTo("key.revoked");
    assertThat(revocation.path("actor").asText()).isEqualTo(adminKeyId);
    assertThat(revocation.path("request_id").asText()).isEqualTo("revoke-the-bot");
    assertThat(revocation.path("before").path("revoked_at").isNull()).isTrue();
    assertThat(revocation.path("after").path("revoked_at").asText()).isEqualTo("2026-11-25T12:00:00.000Z");

    api.delete("/api/v1/tenants/acme/keys/" + agentId, admin).assertStatus(204);
    assertThat(list("", operator)).as("revoking a revoked key records nothing").hasSize(5);
    assertThat(list("", globexAdmin)).as("globex's own chain").hasSize(2);
  }

  @Test
  void policyChangesAreRecordedWithVersionAndDigest() {
    String policy = "{\"policy_id\": \"support\", \"capabilities\": [\"read:documents\"]}";
    JsonNode v1 = api.put("/api/v1/policies/support", admin, policy).assertStatus(201).json();
    api.put("/api/v1/policies/support", admin, policy).assertStatus(200);
    clock.advance(Duration.ofMinutes(1));
    api.put("/api/v1/policies/support", admin,
        "{\"policy_id\": \"support\", \"capabilities\": [\"read:documents\", \"write:summaries\"]}").assertStatus(200);
    api.post("/api/v1/policies/support/rollback", admin, "{\"to_version\": 1}").assertStatus(200);
    api.delete("/api/v1/policies/support", admin).assertStatus(204);

    JsonNode entries = list("?action=policy.*", operator);
    assertThat(actions(entries)).as("the unchanged apply recorded nothing")
        .containsExactly("policy.deleted", "policy.rolled_back", "policy.applied", "policy.applied");
    JsonNode created = entries.get(3);
    assertThat(created.path("object_type").asText()).isEqualTo("policy");
    assertThat(created.path("object_id").asText()).isEqualTo("support");
    assertThat(created.path("before").isNull()).isTrue();
    assertThat(created.at("/after/version").asInt()).isEqualTo(1);
    assertThat(created.at("/after/digest").asText()).isEqualTo(v1.at("/policy/digest").asText());
    assertThat(created.at("/after/change").asText()).isEqualTo("create");
    JsonNode updated = entries.get(2);
    assertThat(updated.at("/before/version").asInt()).isEqualTo(1);
    assertThat(updated.at("/after/version").asInt()).isEqualTo(2);
    JsonNode rolledBack = entries.get(1);
    assertThat(rolledBack.at("/after/rolled_back_from").asInt()).isEqualTo(1);
    assertThat(rolledBack.at("/after/digest").asText()).isEqualTo(v1.at("/policy/digest").asText());
    JsonNode deleted = entries.get(0);
    assertThat(deleted.at("/before/version").asInt()).isEqualTo(3);
    assertThat(deleted.at("/after/change").asText()).isEqualTo("delete");
    assertThat(deleted.at("/after/version").asInt()).isEqualTo(4);
    assertThat(deleted.path("actor").asText()).isEqualTo(adminKeyId);
  }

  @Test
  void capsSettingsBudgetsAndWebhooksAreRecorded() {
    String cap = api.post("/api/v1/rate-caps", operator, "{\"agent_id\": \"s\", \"connector\": \"db\","
        + " \"limit_per_min\": 5, \"expires_in\": \"1h\"}").assertStatus(201).json().path("id").asText();
    String replacing = api.post("/api/v1/rate-caps", operator, "{\"agent_id\": \"s\", \"connector\": \"db\","
        + " \"limit_per_min\": 9, \"expires_in\": \"1h\"}").assertStatus(201).json().path("id").asText();
    api.delete("/api/v1/rate-caps/" + replacing, operator).assertStatus(204);
    api.put("/api/v1/telemetry/settings", admin, "{\"capture_level\": \"redacted\", \"retention_days\": 7}")
        .assertStatus(200);
    api.put("/api/v1/task-budgets/summarize", admin, "{\"max_tokens_per_run\": 1000}").assertStatus(201);
    api.put("/api/v1/task-budgets/summarize", admin, "{\"max_tokens_per_run\": 2000}").assertStatus(200);
    api.delete("/api/v1/task-budgets/summarize", admin).assertStatus(204);
    JsonNode hook = api.post("/api/v1/webhooks", admin, "{\"url\": \"http://127.0.0.1:9/services/T0/B0/"
        + "pathtoken?token=querytoken\", \"events\": [\"alert.fired\"]}").assertStatus(201).json();
    api.delete("/api/v1/webhooks/" + hook.path("id").asText(), admin).assertStatus(204);
    api.delete("/api/v1/webhooks/" + hook.path("id").asText(), admin).assertStatus(204);

    JsonNode entries = list("?limit=9", operator);
    assertThat(actions(entries)).containsExactly("webhook.deleted", "webhook.created", "task_budget.deleted",
        "task_budget.set", "task_budget.set", "telemetry_settings.changed", "rate_cap.deleted", "rate_cap.set",
        "rate_cap.set");
    JsonNode replaced = entries.get(7);
    assertThat(replaced.path("object_id").asText()).isEqualTo(replacing);
    assertThat(replaced.at("/before/id").asText()).isEqualTo(cap);
    assertThat(replaced.at("/after/limit_per_min").asInt()).isEqualTo(9);
    assertThat(entries.get(6).at("/before/limit_per_min").asInt()).isEqualTo(9);
    assertThat(entries.get(6).path("after").isNull()).isTrue();
    JsonNode settings = entries.get(5);
    assertThat(settings.path("object_id").asText()).isEqualTo(acmeId);
    assertThat(settings.at("/before/capture_level").asText()).isEqualTo("hash");
    assertThat(settings.at("/after/capture_level").asText()).isEqualTo("redacted");
    assertThat(settings.at("/after/retention_days").asInt()).isEqualTo(7);
    assertThat(entries.get(3).at("/before/max_tokens_per_run").asInt()).isEqualTo(1000);
    assertThat(entries.get(3).at("/after/max_tokens_per_run").asInt()).isEqualTo(2000);
    assertThat(entries.get(3).at("/after/status").isNull()).isTrue();
    assertThat(entries.get(2).at("/before/max_tokens_per_run").asInt()).isEqualTo(2000);
    JsonNode created = entries.get(1);
    assertThat(created.at("/after/url").asText()).isEqualTo("http://127.0.0.1:9/...");
    assertThat(created.at("/after/events").toString()).isEqualTo("[\"alert.fired\"]");
    assertThat(created.toString()).doesNotContain("pathtoken", "querytoken", hook.path("secret").asText());
    assertThat(entries.get(0).at("/before/id").asText()).isEqualTo(hook.path("id").asText());
  }

  @Test
  void listsFilterAndPageNewestFirst() {
    api.put("/api/v1/task-budgets/a", admin, "{\"max_tokens_per_run\": 1}").assertStatus(201);
    clock.advance(Duration.ofHours(1));
    api.put("/api/v1/task-budgets/b", admin, "{\"max_tokens_per_run\": 1}").assertStatus(201);

    assertThat(actions(list("?actor=system", operator))).containsExactly("key.created", "key.created",
        "key.created", "tenant.created");
    assertThat(list("?actor=" + adminKeyId, operator)).hasSize(2);
    assertThat(list("?action=key.created", operator)).hasSize(3);
    assertThat(list("?action=task_budget.*", operator)).hasSize(2);
    assertThat(list("?object_type=task_budget&object_id=b", operator)).hasSize(1);
    assertThat(list("?object_id=" + acmeId, operator)).hasSize(1);
    assertThat(list("?from=2026-11-25T12:30:00Z", operator)).hasSize(1);
    assertThat(list("?to=2026-11-25T12:30:00Z", operator)).hasSize(5);
    assertThat(list("?from=-30m", operator)).as("relative to the server's clock").hasSize(1);
    assertThat(list("?from=2026-11-25T14:30:00%2B02:00&to=2026-11-25T13:00:01Z", operator)).hasSize(1);

    JsonNode page1 = api.get(AUDIT + "?limit=4", operator).assertStatus(200).json();
    assertThat(page1.path("items")).hasSize(4);
    assertThat(page1.at("/items/0/sequence").asLong()).isEqualTo(6);
    JsonNode page2 = api.get(AUDIT + "?limit=4&cursor=" + page1.path("next_cursor").asText(), operator)
        .assertStatus(200).json();
    assertThat(page2.path("items")).hasSize(2);
    assertThat(page2.at("/items/1/sequence").asLong()).isEqualTo(1);
    assertThat(page2.path("next_cursor").isNull()).isTrue();
  }

  @Test
  void badFiltersAreA400NamingEachParameter() {
    Response bad = api.get(AUDIT + "?actor=someone&action=Key&object_type=KEY&from=yesterday&to=-1q&limit=0"
        + "&cursor=nope&color=red", operator);
    bad.assertProblem(400, "malformed-request", "Query parameters not valid");
    assertThat(bad.errorLocations()).containsExactlyInAnyOrder("actor", "action", "object_type", "from", "to",
        "limit", "cursor", "color");
    assertThat(bad.errorAt("action")).contains("policy.*");
    assertThat(bad.errorAt("color")).contains("allowed: actor, action");
    api.get(AUDIT + "?from=2026-11-25T13:00:00Z&to=2026-11-25T12:00:00Z", operator)
        .assertProblem(400, "malformed-request", "to");
    api.get(AUDIT + "?action=key.created&action=key.revoked", operator)
        .assertProblem(400, "malformed-request", "action");
    api.get(AUDIT + "?actor=", operator).assertProblem(400, "malformed-request", "actor");
    api.get(AUDIT + "/verify?deep=true", operator).assertProblem(400, "malformed-request", "deep");
    api.get(AUDIT + "/export?limit=5", operator).assertProblem(400, "malformed-request", "limit");
  }

  @Test
  void auditorsReadTheirOwnTenantAndTheSystemAdminNamesOne() {
    api.get(AUDIT, agent).assertProblem(403, "forbidden", "admin or operator or approver");
    api.get(AUDIT + "/verify", agent).assertProblem(403, "forbidden", "audit log");
    api.get(AUDIT + "/export", agent).assertProblem(403, "forbidden", "audit log");
    api.get(AUDIT, null).assertProblem(401, "unauthenticated", "Authorization");
    String approver = api.createKey("acme", "approver", "approver").path("secret").asText();
    assertThat(list("", approver)).hasSize(5);
    assertThat(list("?tenant=acme", operator)).hasSize(5);
    assertThat(list("?tenant=" + acmeId, operator)).hasSize(5);
    api.get(AUDIT + "?tenant=globex", operator).assertProblem(404, "not-found", "globex");
    api.get(AUDIT + "/verify?tenant=globex", operator).assertProblem(404, "not-found", "globex");

    api.get(AUDIT, api.adminKey()).assertProblem(400, "malformed-request", "?tenant=");
    assertThat(list("?tenant=globex", api.adminKey())).hasSize(2);
    assertThat(api.get(AUDIT + "/verify?tenant=acme", api.adminKey()).assertStatus(200).json()
        .path("ok").asBoolean()).isTrue();
    api.get(AUDIT + "?tenant=initech", api.adminKey()).assertProblem(404, "not-found", "initech");
  }

  @Test
  void verifyRecomputesTheChainAndNamesTheEntryChangedBySql() {
    JsonNode intact = api.get(AUDIT + "/verify", operator).assertStatus(200).json();
    assertThat(intact.path("ok").asBoolean()).isTrue();
    assertThat(intact.path("tenant_id").asText()).isEqualTo(acmeId);
    assertThat(intact.path("entries_checked").asLong()).isEqualTo(4);
    assertThat(intact.at("/head/sequence").asLong()).isEqualTo(4);
    assertThat(intact.at("/head/hash").asText()).isEqualTo(list("", operator).get(0).path("hash").asText());
    assertThat(intact.path("first_broken").isNull()).isTrue();

    JsonNode victim = list("?object_id=" + keyId(agent), operator).get(0);
    tamper("UPDATE audit_entries SET after_json = REPLACE(after_json, '\"agent\"', '\"admin\"')"
        + " WHERE id = '" + victim.path("id").asText() + "'");

    JsonNode broken = api.get(AUDIT + "/verify", operator).assertStatus(200).json();
    assertThat(broken.path("ok").asBoolean()).isFalse();
    assertThat(broken.path("entries_checked").asLong()).isEqualTo(victim.path("sequence").asLong());
    assertThat(broken.at("/first_broken/sequence").asLong()).isEqualTo(victim.path("sequence").asLong());
    assertThat(broken.at("/first_broken/entry_id").asText()).isEqualTo(victim.path("id").asText());
    assertThat(broken.at("/first_broken/problem").asText()).isEqualTo("hash_mismatch");
    assertThat(broken.at("/first_broken/detail").asText()).contains("changed");
    assertThat(api.get(AUDIT + "/verify", globexAdmin).json().path("ok").asBoolean()).isTrue();
  }

  @Test
  void verifyReportsEntriesRemovedFromTheEnd() {
    long last = list("", operator).get(0).path("sequence").asLong();
    tamper("DELETE FROM audit_entries WHERE tenant_id = '" + acmeId + "' AND sequence = " + last);

    JsonNode broken = api.get(AUDIT + "/verify", operator).assertStatus(200).json();
    assertThat(broken.path("ok").asBoolean()).isFalse();
    assertThat(broken.at("/first_broken/problem").asText()).isEqualTo("head_mismatch");
    assertThat(broken.at("/first_broken/sequence").asLong()).isEqualTo(last);
    assertThat(broken.at("/first_broken/entry_id").isNull()).isTrue();
    assertThat(broken.at("/head/sequence").asLong()).isEqualTo(last);
  }

  @Test
  void theExportIsEveryEntryOldestFirstAndVerifiesOfflineWithTheMasterKey() throws Exception {
    api.put("/api/v1/task-budgets/a", admin, "{\"max_tokens_per_run\": 1, \"max_error_rate\": 0.05}")
        .assertStatus(201);

    Response export = api.get(AUDIT + "/export", operator).assertStatus(200);
    assertThat(export.header("Content-Type")).startsWith("application/x-ndjson");
    List<JsonNode> lines = new ArrayList<>();
    for (String line : export.body().split("\n")) {
      lines.add(JSON.readTree(line));
    }
    assertThat(export.body()).endsWith("\n");
    assertThat(lines).hasSize(5);
    JsonNode listed = list("", operator);
    for (int i = 0; i < lines.size(); i++) {
      assertThat(lines.get(i).path("sequence").asLong()).isEqualTo(i + 1);
      assertThat(lines.get(i)).isEqualTo(listed.get(lines.size() - 1 - i));
    }
    assertThat(export.header("Aegis-Audit-Head")).isEqualTo("5 " + lines.get(4).path("hash").asText());

    // offline: the audit key from the master key, then each line's JCS without its hash, then the HMAC
    byte[] master = Base64.getDecoder().decode(Files.readString(dataDir.resolve(MasterKey.FILE_NAME)).strip());
    AuditChain offline = new AuditChain(AuditChain.deriveKey(master), Clock.systemUTC(), null);
    String previous = AuditChain.GENESIS;
    for (JsonNode line : lines) {
      ObjectNode unsigned = line.deepCopy();
      String hash = unsigned.remove("hash").asText();
      AuditEntry entry = entry(line);
      assertThat(CanonicalJson.write(unsigned)).isEqualTo(AuditChain.canonicalForm(entry));
      assertThat(line.path("prev_hash").asText()).isEqualTo(previous);
      assertThat(offline.hashOf(entry)).isEqualTo(hash);
      previous = hash;
    }
    assertThat(lines.get(4).at("/after/max_error_rate").doubleValue()).isEqualTo(0.05);

    assertThat(api.get(AUDIT + "/export", globexAdmin).body().lines().count()).isEqualTo(2);
  }

  @Test
  void aChangeWhoseEntryCannotBeWrittenIsRolledBack() {
    JsonNode keysBefore = api.get("/api/v1/tenants/acme/keys", admin).json().path("items");
    rawDatabase().useHandle(h -> breakAuditAppends().forEach(h::execute));

    api.post("/api/v1/tenants/acme/keys", admin, "{\"name\": \"ghost\", \"roles\": [\"agent\"]}")
        .assertProblem(503, "unavailable", "nothing was changed");
    api.put("/api/v1/policies/ghost", admin, "{\"policy_id\": \"ghost\", \"capabilities\": [\"read:x\"]}")
        .assertProblem(503, "unavailable", "nothing was changed");
    api.post("/api/v1/tenants", api.adminKey(), "{\"name\": \"ghost\"}")
        .assertProblem(503, "unavailable", "nothing was changed");

    assertThat(api.get("/api/v1/tenants/acme/keys", admin).json().path("items")).isEqualTo(keysBefore);
    api.get("/api/v1/policies/ghost", admin).assertProblem(404, "not-found", "ghost");
    api.get("/api/v1/tenants/ghost", api.adminKey()).assertProblem(404, "not-found", "ghost");
    assertThat(api.get(AUDIT + "/verify", operator).json().path("ok").asBoolean()).isTrue();
  }

  private static AuditEntry entry(JsonNode line) {
    return new AuditEntry(line.path("tenant_id").asText(), line.path("sequence").asLong(), line.path("id").asText(),
        Instant.parse(line.path("at").asText()), line.path("actor").asText(), line.path("action").asText(),
        line.path("object_type").asText(), line.path("object_id").asText(), raw(line.path("before")),
        raw(line.path("after")), line.path("request_id").asText(null), line.path("decision_id").asText(null),
        line.path("prev_hash").asText(), null);
  }

  private static String raw(JsonNode node) {
    return node.isNull() ? null : CanonicalJson.write(node);
  }

  private void tamper(String sql) {
    rawDatabase().useHandle(h -> {
      dropAppendOnlyTriggers().forEach(h::execute);
      h.execute(sql);
    });
  }

  private String keyId(String secret) {
    return api.get("/api/v1/whoami", secret).json().path("key_id").asText();
  }

  private JsonNode list(String query, String key) {
    return api.get(AUDIT + query, key).assertStatus(200).json().path("items");
  }

  private static List<String> actions(JsonNode entries) {
    List<String> actions = new ArrayList<>();
    entries.forEach(e -> actions.add(e.path("action").asText()));
    return actions;
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.properties().forEach(e -> names.add(e.getKey()));
    return names;
  }
}
