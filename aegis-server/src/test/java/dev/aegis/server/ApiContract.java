package dev.aegis.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aegis.core.auth.KeySecrets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tenant, key and auth API of docs/api.md, against a real server; run once per database. */
abstract class ApiContract {
  private static final String TIMESTAMP = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z";

  @TempDir Path dataDir;
  MutableClock clock = new MutableClock(Instant.parse("2026-11-24T23:40:12.345Z"));
  TestServer api;

  /** Settings that point the server at this suite's database. */
  abstract Map<String, String> databaseSettings();

  @BeforeEach
  void startServer() {
    api = TestServer.start(dataDir, databaseSettings(), clock);
  }

  @AfterEach
  void stopServer() {
    api.close();
  }

  String admin() {
    return api.adminKey();
  }

  int tenantCount() {
    return api.get("/api/v1/tenants?limit=500", admin()).json().path("items").size();
  }

  int keyCount(String tenant) {
    return api.get("/api/v1/tenants/" + tenant + "/keys?limit=500", admin()).json().path("items").size();
  }

  @Test
  void createsAndReadsTenantsByIdAndName() {
    Response created = api.post("/api/v1/tenants", admin(), "{\"name\": \"acme\"}");

    assertThat(created.status()).isEqualTo(201);
    JsonNode tenant = created.json();
    assertThat(tenant.path("id").asText()).startsWith("ten_");
    assertThat(tenant.path("name").asText()).isEqualTo("acme");
    assertThat(tenant.path("created_at").asText()).matches(TIMESTAMP).isEqualTo("2026-11-24T23:40:12.345Z");
    assertThat(created.header("Location")).isEqualTo("/api/v1/tenants/" + tenant.path("id").asText());

    assertThat(api.get("/api/v1/tenants/" + tenant.path("id").asText(), admin()).json()).isEqualTo(tenant);
    assertThat(api.get("/api/v1/tenants/acme", admin()).json()).isEqualTo(tenant);
    assertThat(api.get("/api/v1/tenants", admin()).json().path("items")).containsExactly(tenant);
    assertThat(api.get("/api/v1/tenants", admin()).json().path("next_cursor").isNull()).isTrue();
  }

  @Test
  void takenNameIsConflictAndStoresNothing() {
    api.createTenant("acme");

    api.post("/api/v1/tenants", admin(), "{\"name\": \"acme\"}").assertProblem(409, "conflict", "'acme'");
    assertThat(tenantCount()).isEqualTo(1);
  }

  @Test
  void invalidTenantIsValidationErrorListingEveryFieldAndStoresNothing() {
    Response bad = api.post("/api/v1/tenants", admin(), "{\"name\": \"Not OK!\", \"plan\": \"gold\"}");

    bad.assertProblem(422, "validation", "2 fields are not valid");
    assertThat(bad.errorLocations()).containsExactlyInAnyOrder("/name", "/plan");
    assertThat(bad.errorAt("/name")).contains("lowercase letters");
    assertThat(bad.errorAt("/plan")).contains("unknown field");

    api.post("/api/v1/tenants", admin(), "{\"name\": 5}").assertProblem(422, "validation", "/name");
    assertThat(api.post("/api/v1/tenants", admin(), "{\"name\": 5}").errorAt("/name")).contains("must be a string");
    assertThat(api.post("/api/v1/tenants", admin(), "{}").errorAt("/name")).isEqualTo("is required");
    assertThat(api.post("/api/v1/tenants", admin(), "{\"name\": \"system\"}").errorAt("/name")).contains("reserved");
    assertThat(api.post("/api/v1/tenants", admin(), "[1]").assertProblem(422, "validation", "JSON object"))
        .isNotNull();
    assertThat(tenantCount()).isZero();
  }

  @Test
  void malformedJsonIsBadRequestAndStoresNothing() {
    api.post("/api/v1/tenants", admin(), "{\"name\": \"acme\"").assertProblem(400, "malformed-request", "not valid JSON");
    api.post("/api/v1/tenants", admin(), "").assertProblem(400, "malformed-request", "empty");
    api.post("/api/v1/tenants", admin(), "{\"name\": \"a\", \"name\": \"b\"}")
        .assertProblem(400, "malformed-request", "Duplicate field");
    assertThat(tenantCount()).isZero();
  }

  @Test
  void bodyThatIsNotJsonIsUnsupportedMediaTypeAndStoresNothing() {
    Response response = api.send(api.request("/api/v1/tenants", admin())
        .header("Content-Type", "text/plain")
        .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"name\": \"acme\"}")));

    response.assertProblem(415, "unsupported-media-type", "Content-Type: application/json");
    assertThat(tenantCount()).isZero();
  }

  @Test
  void keySecretIsShownOnceAndNeverListed() {
    String tenantId = api.createTenant("acme");

    Response created = api.post("/api/v1/tenants/acme/keys", admin(), "{\"name\": \"ci-agent\", \"roles\": [\"agent\"]}");

    assertThat(created.status()).isEqualTo(201);
    JsonNode key = created.json();
    String secret = key.path("secret").asText();
    assertThat(key.path("id").asText()).startsWith("key_");
    assertThat(key.path("tenant_id").asText()).isEqualTo(tenantId);
    assertThat(key.path("name").asText()).isEqualTo("ci-agent");
    assertThat(secret).matches("aegis_[a-z0-9]{8}_[A-Za-z0-9]{43}");
    assertThat(key.path("prefix").asText()).isEqualTo(secret.substring(0, 14));
    assertThat(key.path("roles")).hasSize(1).first().extracting(JsonNode::asText).isEqualTo("agent");
    assertThat(key.path("created_at").asText()).matches(TIMESTAMP);
    assertThat(key.has("last_used_at") && key.get("last_used_at").isNull()).isTrue();
    assertThat(key.has("revoked_at") && key.get("revoked_at").isNull()).isTrue();
    assertThat(key.has("secret_hash")).isFalse();
    assertThat(created.header("Location")).isEqualTo("/api/v1/tenants/" + tenantId + "/keys/" + key.path("id").asText());

    Response one = api.get("/api/v1/tenants/acme/keys/" + key.path("id").asText(), admin());
    Response list = api.get("/api/v1/tenants/" + tenantId + "/keys", admin());
    assertThat(one.status()).isEqualTo(200);
    assertThat(one.json().has("secret")).isFalse();
    assertThat(list.json().path("items")).hasSize(1);
    for (Response shown : List.of(one, list)) {
      assertThat(shown.body()).doesNotContain(secret).doesNotContain(KeySecrets.hash(secret))
          .doesNotContain("secret");
    }
  }

  @Test
  void invalidKeyIsValidationErrorListingEveryFieldAndStoresNothing() {
    api.createTenant("acme");

    Response bad = api.post("/api/v1/tenants/acme/keys", admin(),
        "{\"name\": \"\", \"roles\": [\"superuser\", \"agent\", \"agent\", 3], \"expires\": true}");

    bad.assertProblem(422, "validation", "5 fields are not valid");
    assertThat(bad.errorLocations())
        .containsExactlyInAnyOrder("/expires", "/name", "/roles/0", "/roles/2", "/roles/3");
    assertThat(bad.errorAt("/roles/0")).isEqualTo("unknown role 'superuser'; one of agent, operator, approver, admin");
    assertThat(bad.errorAt("/roles/2")).contains("repeats 'agent'");
    assertThat(bad.errorAt("/name")).isEqualTo("must not be empty");

    Response empty = api.post("/api/v1/tenants/acme/keys", admin(), "{\"roles\": []}");
    empty.assertProblem(422, "validation", "2 fields");
    assertThat(empty.errorAt("/name")).isEqualTo("is required");
    assertThat(empty.errorAt("/roles")).contains("at least one role");

    Response tooLong = api.post("/api/v1/tenants/acme/keys", admin(),
        "{\"name\": \"" + "x".repeat(101) + "\", \"roles\": \"agent\"}");
    assertThat(tooLong.errorAt("/name")).contains("at most 100");
    assertThat(tooLong.errorAt("/roles")).contains("must be an array");
    assertThat(keyCount("acme")).isZero();
  }

  @Test
  void revokedKeyAnswers401AndRevokingAgainIs204() {
    api.createTenant("acme");
    JsonNode key = api.createKey("acme", "ci", "agent");
    String secret = key.path("secret").asText();
    assertThat(api.get("/api/v1/whoami", secret).status()).isEqualTo(200);

    String path = "/api/v1/tenants/acme/keys/" + key.path("id").asText();
    assertThat(api.delete(path, admin()).status()).isEqualTo(204);
    assertThat(api.delete(path, admin()).status()).isEqualTo(204);

    Response refused = api.get("/api/v1/whoami", secret);
    refused.assertProblem(401, "unauthenticated", "revoked");
    assertThat(refused.header("WWW-Authenticate")).isEqualTo("Bearer");
    assertThat(api.get(path, admin()).json().path("revoked_at").asText()).matches(TIMESTAMP);
    api.delete("/api/v1/tenants/acme/keys/key_nope", admin()).assertProblem(404, "not-found", "key_nope");
  }

  @Test
  void missingMalformedAndUnknownKeysAre401() {
    String unknown = new KeySecrets(new SecureRandom()).newSecret();
    List<Response> refused = List.of(
        api.get("/api/v1/tenants", null),
        api.send(api.request("/api/v1/tenants", null).header("Authorization", "Basic YWRtaW46YWRtaW4=")),
        api.send(api.request("/api/v1/tenants", null).header("Authorization", "Bearer")),
        api.get("/api/v1/tenants", "garbage"),
        api.get("/api/v1/tenants", unknown),
        api.get("/api/v1/tenants", admin() + "x"));
    List<String> details = List.of("No Authorization header", "Bearer <api key>", "Bearer <api key>",
        "not an Aegis API key", "not known", "not");
    for (int i = 0; i < refused.size(); i++) {
      refused.get(i).assertProblem(401, "unauthenticated", details.get(i));
      assertThat(refused.get(i).header("WWW-Authenticate")).isEqualTo("Bearer");
    }
    api.post("/api/v1/tenants", null, "{\"name\": \"acme\"}").assertProblem(401, "unauthenticated", "Authorization");
    assertThat(tenantCount()).isZero();
  }

  @Test
  void keysWithoutTheRoleAre403AndStoreNothing() {
    api.createTenant("acme");
    String agent = api.createKey("acme", "agent", "agent", "operator").path("secret").asText();
    String tenantAdmin = api.createKey("acme", "admin", "admin").path("secret").asText();

    api.post("/api/v1/tenants/acme/keys", agent, "{\"name\": \"mine\", \"roles\": [\"admin\"]}")
        .assertProblem(403, "forbidden", "admin role");
    api.get("/api/v1/tenants/acme/keys", agent).assertProblem(403, "forbidden", "admin role");
    api.get("/api/v1/tenants", agent).assertProblem(403, "forbidden", "admin key");
    api.post("/api/v1/tenants", tenantAdmin, "{\"name\": \"other\"}").assertProblem(403, "forbidden", "system admin");

    assertThat(keyCount("acme")).isEqualTo(2);
    assertThat(tenantCount()).isEqualTo(1);
  }

  @Test
  void tenantAdminManagesOwnKeysAndSeesOnlyItsOwnTenant() {
    String acmeId = api.createTenant("acme");
    api.createTenant("globex");
    String acmeAdmin = api.createKey("acme", "admin", "admin").path("secret").asText();

    Response created = api.post("/api/v1/tenants/acme/keys", acmeAdmin, "{\"name\": \"ci\", \"roles\": [\"agent\"]}");
    assertThat(created.status()).isEqualTo(201);
    assertThat(api.get("/api/v1/tenants/acme/keys", acmeAdmin).json().path("items")).hasSize(2);
    assertThat(api.get("/api/v1/tenants/acme", acmeAdmin).json().path("id").asText()).isEqualTo(acmeId);
    JsonNode listed = api.get("/api/v1/tenants", acmeAdmin).json().path("items");
    assertThat(listed).hasSize(1);
    assertThat(listed.get(0).path("name").asText()).isEqualTo("acme");
  }

  @Test
  void anotherTenantsObjectsAre404() {
    api.createTenant("acme");
    String globexId = api.createTenant("globex");
    String acmeAdmin = api.createKey("acme", "admin", "admin").path("secret").asText();
    JsonNode globexKey = api.createKey("globex", "ci", "agent");
    String globexKeyId = globexKey.path("id").asText();

    api.get("/api/v1/tenants/globex", acmeAdmin).assertProblem(404, "not-found", "globex");
    api.get("/api/v1/tenants/" + globexId, acmeAdmin).assertProblem(404, "not-found", globexId);
    api.get("/api/v1/tenants/globex/keys", acmeAdmin).assertProblem(404, "not-found", "globex");
    api.get("/api/v1/tenants/globex/keys/" + globexKeyId, acmeAdmin).assertProblem(404, "not-found", "globex");
    api.delete("/api/v1/tenants/globex/keys/" + globexKeyId, acmeAdmin).assertProblem(404, "not-found", "globex");
    api.post("/api/v1/tenants/globex/keys", acmeAdmin, "{\"name\": \"x\", \"roles\": [\"admin\"]}")
        .assertProblem(404, "not-found", "globex");
    // the key id exists, but not in acme
    api.get("/api/v1/tenants/acme/keys/" + globexKeyId, acmeAdmin).assertProblem(404, "not-found", globexKeyId);
    api.delete("/api/v1/tenants/acme/keys/" + globexKeyId, acmeAdmin).assertProblem(404, "not-found", globexKeyId);

    assertThat(api.get("/api/v1/whoami", globexKey.path("secret").asText()).status()).isEqualTo(200);
    assertThat(keyCount("globex")).isEqualTo(1);
  }

  @Test
  void whoAmIDescribesTheCaller() {
    String tenantId = api.createTenant("acme");
    JsonNode key = api.createKey("acme", "ci", "operator", "agent");

    JsonNode me = api.get("/api/v1/whoami", key.path("secret").asText()).json();
    assertThat(me.path("tenant_id").asText()).isEqualTo(tenantId);
    assertThat(me.path("tenant_name").asText()).isEqualTo("acme");
    assertThat(me.path("key_id").asText()).isEqualTo(key.path("id").asText());
    assertThat(me.path("key_name").asText()).isEqualTo("ci");
    assertThat(me.path("roles").toString()).isEqualTo("[\"agent\",\"operator\"]");
    assertThat(me.path("system").asBoolean()).isFalse();

    JsonNode system = api.get("/api/v1/whoami", admin()).json();
    assertThat(system.toString()).isEqualTo("{\"tenant_id\":null,\"tenant_name\":null,\"key_id\":null,"
        + "\"key_name\":\"bootstrap\",\"roles\":[\"admin\"],\"system\":true}");
  }

  @Test
  void pagesCoverEveryTenantOnceAndRejectBadParameters() {
    Set<String> names = new HashSet<>();
    for (int i = 0; i < 7; i++) {
      names.add("tenant-" + i);
      api.createTenant("tenant-" + i);
      clock.advance(Duration.ofMillis(1));
    }

    List<String> seen = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      Response page = api.get("/api/v1/tenants?limit=3" + (cursor == null ? "" : "&cursor=" + cursor), admin());
      assertThat(page.status()).isEqualTo(200);
      page.json().path("items").forEach(t -> seen.add(t.path("name").asText()));
      JsonNode next = page.json().path("next_cursor");
      cursor = next.isNull() ? null : next.asText();
      pages++;
    } while (cursor != null && pages < 10);

    assertThat(pages).isEqualTo(3);
    assertThat(seen).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(names);

    Response badCursor = api.get("/api/v1/tenants?cursor=not-a-cursor", admin());
    badCursor.assertProblem(400, "malformed-request", "cursor");
    assertThat(badCursor.errorLocations()).containsExactly("cursor");
    for (String limit : List.of("0", "501", "ten", "-1")) {
      Response bad = api.get("/api/v1/tenants?limit=" + limit, admin());
      bad.assertProblem(400, "malformed-request", "limit");
      assertThat(bad.errorAt("limit")).contains("1 to 500");
    }
    Response both = api.get("/api/v1/tenants?limit=0&cursor=%3F", admin());
    assertThat(both.errorLocations()).containsExactly("limit", "cursor");
  }

  @Test
  void keyPagesCoverEveryKeyOnce() {
    api.createTenant("acme");
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < 5; i++) {
      ids.add(api.createKey("acme", "k" + i, "agent").path("id").asText());
    }
    List<String> seen = new ArrayList<>();
    Response first = api.get("/api/v1/tenants/acme/keys?limit=2", admin());
    first.json().path("items").forEach(k -> seen.add(k.path("id").asText()));
    Response second = api.get("/api/v1/tenants/acme/keys?limit=2&cursor=" + first.json().path("next_cursor").asText(), admin());
    second.json().path("items").forEach(k -> seen.add(k.path("id").asText()));
    Response third = api.get("/api/v1/tenants/acme/keys?limit=2&cursor=" + second.json().path("next_cursor").asText(), admin());
    third.json().path("items").forEach(k -> seen.add(k.path("id").asText()));

    assertThat(third.json().path("next_cursor").isNull()).isTrue();
    assertThat(seen).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(ids);
  }

  @Test
  void lastUsedAtIsWrittenAtMostOnceAMinute() {
    api.createTenant("acme");
    JsonNode key = api.createKey("acme", "ci", "agent");
    String secret = key.path("secret").asText();
    String path = "/api/v1/tenants/acme/keys/" + key.path("id").asText();
    Instant first = clock.instant();

    api.get("/api/v1/whoami", secret);
    assertThat(api.get(path, admin()).json().path("last_used_at").asText()).isEqualTo("2026-11-24T23:40:12.345Z");

    clock.advance(Duration.ofSeconds(59));
    api.get("/api/v1/whoami", secret);
    assertThat(api.get(path, admin()).json().path("last_used_at").asText()).isEqualTo("2026-11-24T23:40:12.345Z");

    clock.advance(Duration.ofSeconds(1));
    api.get("/api/v1/whoami", secret);
    assertThat(Instant.parse(api.get(path, admin()).json().path("last_used_at").asText()))
        .isEqualTo(first.plusSeconds(60));
  }

  @Test
  void unreachableStoreFailsClosedWith503() {
    api.createTenant("acme");
    String secret = api.createKey("acme", "ci", "agent").path("secret").asText();
    assertThat(api.get("/readyz", null).status()).isEqualTo(200);

    api.server.store().close();

    Response ready = api.get("/readyz", null);
    ready.assertProblem(503, "unavailable", "cannot be reached");
    assertThat(ready.header("Retry-After")).isEqualTo("5");
    Response withKey = api.get("/api/v1/whoami", secret);
    withKey.assertProblem(503, "unavailable", "cannot be reached");
    assertThat(withKey.header("Retry-After")).isEqualTo("5");
    api.get("/api/v1/tenants", admin()).assertProblem(503, "unavailable", "Try again");
    assertThat(api.get("/healthz", null).status()).isEqualTo(200);
  }
}
