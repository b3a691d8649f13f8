package dev.aegis.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aegis.cli.Cli.Result;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Runs {@code aegis} commands in this JVM against a real server and checks what they print and how they exit. */
@Timeout(120)
class CliIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern SECRET = Pattern.compile("aegis_[A-Za-z0-9]{8}_[A-Za-z0-9]{43}");
  private static final Pattern KEY_ID = Pattern.compile("key_[0-9a-z]{26}");
  private static final AtomicInteger NAMES = new AtomicInteger();

  @TempDir static Path workDir;
  @TempDir static Path elsewhere;

  private static TestServer server;
  private static Cli admin;

  @BeforeAll
  static void start() {
    server = TestServer.start(workDir);
    admin = new Cli(Map.of("AEGIS_URL", server.url().toString(), "AEGIS_KEY", server.adminKey()), elsewhere);
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  private static String uniqueName(String base) {
    return base + "-" + NAMES.incrementAndGet();
  }

  /** A CLI that acts with {@code key}, run outside the server's directory so no admin.key is found. */
  private static Cli as(String key) {
    return new Cli(Map.of("AEGIS_URL", server.url().toString(), "AEGIS_KEY", key), elsewhere);
  }

  private static JsonNode json(Result result) throws IOException {
    return JSON.readTree(result.out());
  }

  private static String createKey(String tenant, String name, String role) throws IOException {
    Result created = admin.run("keys", "create", "--tenant", tenant, "--name", name, "--role", role, "-o", "json");
    assertThat(created.exitCode()).as(created.toString()).isZero();
    return json(created).get("secret").asText();
  }

  @Test
  void createsShowsAndListsTenants() throws IOException {
    String name = uniqueName("acme");

    Result created = admin.run("tenants", "create", name);
    assertThat(created.exitCode()).as(created.toString()).isZero();
    assertThat(created.out()).containsPattern("Created tenant " + name + " \\(ten_[0-9a-z]{26}\\)\\.");

    Result shown = admin.run("tenants", "show", name);
    assertThat(shown.exitCode()).isZero();
    assertThat(shown.out()).containsPattern("(?m)^name +" + name + "$").containsPattern("(?m)^id +ten_");

    Result listed = admin.run("tenants", "list", "--all", "-o", "json");
    assertThat(listed.exitCode()).isZero();
    List<String> names = new ArrayList<>();
    json(listed).get("items").forEach(item -> names.add(item.get("name").asText()));
    assertThat(names).contains(name);
    assertThat(json(listed).get("next_cursor").isNull()).isTrue();

    Result table = admin.run("tenants", "list", "--all");
    assertThat(table.out().lines().findFirst()).hasValueSatisfying(h -> assertThat(h).matches("ID +NAME +CREATED"));
    assertThat(table.out()).contains(name);
  }

  @Test
  void listsOnePageAndSaysHowToGetTheRest() throws IOException {
    admin.run("tenants", "create", uniqueName("pg"));
    admin.run("tenants", "create", uniqueName("pg"));

    Result page = admin.run("tenants", "list", "--limit", "1", "-o", "json");

    assertThat(page.exitCode()).isZero();
    assertThat(json(page).get("items")).hasSize(1);
    String cursor = json(page).get("next_cursor").asText();
    assertThat(page.err()).contains("more: aegis tenants list --cursor " + cursor);

    Result next = admin.run("tenants", "list", "--limit", "1", "--cursor", cursor, "-o", "json");
    assertThat(json(next).get("items").get(0).get("id")).isNotEqualTo(json(page).get("items").get(0).get("id"));

    Result all = admin.run("tenants", "list", "--limit", "1", "--all", "-o", "json");
    assertThat(json(all).get("items").size()).isGreaterThanOrEqualTo(2);
    assertThat(all.err()).doesNotContain("more:");
  }

  @Test
  void aTakenNameExits1WithTheProblem() {
    String name = uniqueName("dup");
    admin.run("tenants", "create", name);

    Result again = admin.run("tenants", "create", name);

    assertThat(again.exitCode()).isEqualTo(1);
    assertThat(again.out()).isEmpty();
    assertThat(again.err()).containsPattern("^error: .+ \\(409 conflict\\)").contains(name).contains("request id: ");
  }

  @Test
  void validationErrorsListEachField() {
    String tenant = uniqueName("val");
    admin.run("tenants", "create", tenant);

    Result bad = admin.run("keys", "create", "--tenant", tenant, "--name", "root", "--role", "agent,superuser");

    assertThat(bad.exitCode()).isEqualTo(1);
    assertThat(bad.err()).contains("(422 validation)").containsPattern("(?m)^  /roles/1: .*superuser");

    Result badName = admin.run("tenants", "create", "Bad_Name");
    assertThat(badName.exitCode()).isEqualTo(1);
    assertThat(badName.err()).containsPattern("(?m)^  /name: ");
  }

  @Test
  void keysCreatePrintsTheSecretOnceWithAWarning() {
    String tenant = uniqueName("sec");
    admin.run("tenants", "create", tenant);

    Result created = admin.run("keys", "create", "--tenant", tenant, "--name", "bot", "--role", "agent");

    assertThat(created.exitCode()).as(created.toString()).isZero();
    Matcher secret = SECRET.matcher(created.out());
    assertThat(secret.find()).isTrue();
    assertThat(created.out()).contains("the only time it is shown");
    assertThat(created.out().lines()).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(80));

    Result listed = admin.run("keys", "list", "--tenant", tenant);
    assertThat(listed.out()).doesNotContain(secret.group()).contains(secret.group().substring(0, 14)).contains("active");
    Result listedJson = admin.run("keys", "list", "--tenant", tenant, "-o", "json");
    assertThat(listedJson.out()).doesNotContain(secret.group()).doesNotContain("\"secret\"");
  }

  @Test
  void keysShowRevokeAndTheRevokedKeyIsRefused() throws IOException {
    String tenant = uniqueName("rev");
    admin.run("tenants", "create", tenant);
    Result created = admin.run("keys", "create", "--tenant", tenant, "--name", "bot", "--role", "agent", "-o", "json");
    String keyId = json(created).get("id").asText();
    String secret = json(created).get("secret").asText();
    assertThat(created.err()).contains("shown only this once");

    assertThat(as(secret).run("whoami").out()).contains("bot (" + keyId + ")").containsPattern("roles +agent");

    Result shown = admin.run("keys", "show", "--tenant", tenant, keyId);
    assertThat(shown.out()).containsPattern("(?m)^revoked +no$").containsPattern("(?m)^last used +");

    Result revoked = admin.run("keys", "revoke", "--tenant", tenant, keyId);
    assertThat(revoked.exitCode()).isZero();
    assertThat(revoked.out()).startsWith("Revoked key " + keyId + " (bot) at ");

    Result refused = as(secret).run("whoami");
    assertThat(refused.exitCode()).isEqualTo(1);
    assertThat(refused.err())
        .contains("(401 unauthenticated)")
        .contains("hint: the key from AEGIS_KEY is unknown to this server, or was revoked")
        .doesNotContain(secret);

    assertThat(admin.run("keys", "show", "--tenant", tenant, keyId).out()).containsPattern("(?m)^revoked +20");
    assertThat(admin.run("keys", "list", "--tenant", tenant).out()).contains("revoked");
  }

  @Test
  void anAgentKeyIsForbiddenToManageKeys() throws IOException {
    String tenant = uniqueName("forb");
    admin.run("tenants", "create", tenant);
    String agent = createKey(tenant, "bot", "agent");

    Result refused = as(agent).run("keys", "create", "--tenant", tenant, "--name", "x", "--role", "admin");

    assertThat(refused.exitCode()).isEqualTo(1);
    assertThat(refused.err()).contains("(403 forbidden)");
  }

  @Test
  void anotherTenantIsNotFound() throws IOException {
    String mine = uniqueName("mine");
    String theirs = uniqueName("theirs");
    admin.run("tenants", "create", mine);
    admin.run("tenants", "create", theirs);
    String myAdmin = createKey(mine, "boss", "admin");

    Result shown = as(myAdmin).run("tenants", "show", theirs);
    Result keys = as(myAdmin).run("keys", "list", "--tenant", theirs);

    assertThat(shown.exitCode()).isEqualTo(1);
    assertThat(shown.err()).contains("(404 not-found)");
    assertThat(keys.exitCode()).isEqualTo(1);
    assertThat(keys.err()).contains("(404 not-found)");
    Result own = as(myAdmin).run("tenants", "list", "-o", "json");
    assertThat(json(own).get("items")).hasSize(1);
    assertThat(json(own).get("items").get(0).get("name").asText()).isEqualTo(mine);
  }

  @Test
  void withoutAnyKeyTheRefusalSaysHowToPassOne() {
    Result refused = new Cli(Map.of("AEGIS_URL", server.url().toString()), elsewhere).run("whoami");

    assertThat(refused.exitCode()).isEqualTo(1);
    assertThat(refused.err()).contains("(401 unauthenticated)").contains("hint: no API key was given");
  }

  @Test
  void fromTheServersDirectoryTheAdminKeyFileIsUsed() {
    Result me = new Cli(Map.of("AEGIS_URL", server.url().toString()), workDir).run("whoami");

    assertThat(me.exitCode()).as(me.toString()).isZero();
    assertThat(me.err()).contains("acting as the system admin, with the key in ./aegis-data/admin.key");
    assertThat(me.out()).contains("the system admin key");
  }

  @Test
  void flagsWinOverTheEnvironment() {
    Cli wrongEnv = new Cli(Map.of("AEGIS_URL", "http://127.0.0.1:9", "AEGIS_KEY", "wrong"), elsewhere);

    Result me = wrongEnv.run("whoami", "--url", server.url().toString(), "--key", server.adminKey(), "-o", "json");

    assertThat(me.exitCode()).as(me.toString()).isZero();
    assertThat(me.out()).contains("\"system\" : true").contains("\"key_name\" : \"bootstrap\"");
  }

  @Test
  void anUnreachableServerSaysHowToStartOne() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Result down = new Cli(Map.of("AEGIS_URL", "http://127.0.0.1:" + port, "AEGIS_KEY", "k"), elsewhere).run("whoami");

    assertThat(down.exitCode()).isEqualTo(1);
    assertThat(down.err())
        .isEqualTo(
            "error: cannot reach Aegis at http://127.0.0.1:" + port
                + ": is the server running? start it with ./aegis server" + System.lineSeparator());
  }

  @Test
  void problemsComeAsJsonWhenAsked() throws IOException {
    Result refused = new Cli(Map.of("AEGIS_URL", server.url().toString()), elsewhere).run("whoami", "-o", "json");

    assertThat(refused.exitCode()).isEqualTo(1);
    JsonNode problem = JSON.readTree(refused.err());
    assertThat(problem.get("status").asInt()).isEqualTo(401);
    assertThat(problem.get("type").asText()).isEqualTo("urn:aegis:problem:unauthenticated");
  }

  @Test
  void keyIdsInTablesAreWhole() throws IOException {
    String tenant = uniqueName("wide");
    admin.run("tenants", "create", tenant);
    createKey(tenant, "a-key-with-a-really-quite-long-name-for-a-table", "operator");

    Result listed = admin.run("keys", "list", "--tenant", tenant);

    assertThat(listed.out().lines()).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(80));
    assertThat(KEY_ID.matcher(listed.out()).find()).isTrue();
  }
}
