package dev.aegis.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.aegis.server.AegisServer;
import dev.aegis.server.config.ConfigLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Drives every endpoint through the SDK against a real server on loopback, with a real SQLite file. */
@Timeout(120)
class AegisClientIT {
  private static final AtomicInteger NAMES = new AtomicInteger();

  @TempDir static Path dataDir;

  private static AegisServer server;
  private static AegisClient admin;

  @BeforeAll
  static void start() {
    server =
        AegisServer.start(
            ConfigLoader.load(
                null,
                Map.of(),
                Map.of("server.port", "0", "data.dir", dataDir.toString(), "log.level", "warn")));
    admin = AegisClient.builder().baseUrl(server.baseUri()).apiKey(server.adminKey()).build();
  }

  @AfterAll
  static void stop() {
    if (admin != null) {
      admin.close();
    }
    if (server != null) {
      server.close();
    }
  }

  private static String uniqueName(String base) {
    return base + "-" + NAMES.incrementAndGet();
  }

  private static AegisApiException problem(Supplier<?> call) {
    return catchThrowableOfType(AegisApiException.class, call::get);
  }

  @Test
  void healthAndReadinessNeedNoKey() {
    AegisClient anonymous = admin.withApiKey(null);

    assertThat(anonymous.health().status()).isEqualTo("up");
    Health ready = anonymous.ready();
    assertThat(ready.status()).isEqualTo("ready");
    assertThat(ready.store()).isEqualTo("sqlite");
  }

  @Test
  void theBootstrapKeyIsTheSystemAdmin() {
    WhoAmI me = admin.whoami();

    assertThat(me.system()).isTrue();
    assertThat(me.keyName()).isEqualTo("bootstrap");
    assertThat(me.roles()).containsExactly("admin");
    assertThat(me.tenantId()).isNull();
  }

  @Test
  void createsAndReadsATenantByIdAndName() {
    String name = uniqueName("acme");

    Tenant created = admin.tenants().create(name);

    assertThat(created.id()).startsWith("ten_");
    assertThat(created.name()).isEqualTo(name);
    assertThat(created.createdAt()).isNotNull();
    assertThat(admin.tenants().get(created.id())).isEqualTo(created);
    assertThat(admin.tenants().get(name)).isEqualTo(created);
  }

  @Test
  void aTakenTenantNameIs409() {
    String name = uniqueName("taken");
    admin.tenants().create(name);

    AegisApiException e = problem(() -> admin.tenants().create(name));

    assertThat(e.status()).isEqualTo(409);
    assertThat(e.kind()).isEqualTo("conflict");
    assertThat(e.title()).isNotBlank();
    assertThat(e.detail()).contains(name);
    assertThat(e.requestId()).isNotBlank();
  }

  @Test
  void anInvalidTenantNameIs422PointingAtName() {
    AegisApiException e = problem(() -> admin.tenants().create("Not A Slug"));

    assertThat(e.status()).isEqualTo(422);
    assertThat(e.type()).isEqualTo("urn:aegis:problem:validation");
    assertThat(e.errors()).extracting(FieldError::pointer).containsExactly("/name");
    assertThat(admin.tenants().listAll().map(Tenant::name)).doesNotContain("Not A Slug");
  }

  @Test
  void listsTenantsPageByPageAndAllAtOnce() {
    List<String> made = List.of(uniqueName("page"), uniqueName("page"), uniqueName("page"));
    made.forEach(admin.tenants()::create);

    Page<Tenant> first = admin.tenants().list(PageQuery.first(2));
    assertThat(first.items()).hasSize(2);
    assertThat(first.hasMore()).isTrue();
    Page<Tenant> second = admin.tenants().list(PageQuery.first(2).after(first.nextCursor()));
    assertThat(second.items()).doesNotContainAnyElementsOf(first.items());

    List<String> all = admin.tenants().listAll().map(Tenant::name).toList();
    assertThat(all).containsAll(made).doesNotHaveDuplicates();
    assertThat(Pages.stream(admin.tenants()::list, PageQuery.first(1)).map(Tenant::name).toList()).isEqualTo(all);
  }

  @Test
  void aForgedCursorIs400NamingTheParameter() {
    AegisApiException e = problem(() -> admin.tenants().list(new PageQuery(10, "not-a-cursor")));

    assertThat(e.status()).isEqualTo(400);
    assertThat(e.kind()).isEqualTo("malformed-request");
    assertThat(e.errors()).extracting(FieldError::parameter).contains("cursor");
  }

  @Test
  void createsGetsListsAndRevokesKeys() {
    String tenant = uniqueName("keys");
    admin.tenants().create(tenant);

    CreatedKey key = admin.keys().create(tenant, "ci-agent", Role.AGENT, Role.OPERATOR);

    assertThat(key.id()).startsWith("key_");
    assertThat(key.secret()).startsWith(key.prefix() + "_").hasSize(58);
    assertThat(key.prefix()).startsWith("aegis_").hasSize(14);
    assertThat(key.roles()).containsExactlyInAnyOrder("agent", "operator");
    assertThat(key.revokedAt()).isNull();

    ApiKeyInfo read = admin.keys().get(tenant, key.id());
    assertThat(read).isEqualTo(key.info());

    for (int i = 0; i < 3; i++) {
      admin.keys().create(tenant, "extra-" + i, List.of("approver"));
    }
    Page<ApiKeyInfo> page = admin.keys().list(tenant, PageQuery.first(2));
    assertThat(page.items()).hasSize(2);
    assertThat(page.hasMore()).isTrue();
    assertThat(admin.keys().listAll(tenant)).hasSize(4).extracting(ApiKeyInfo::id).contains(key.id());

    AegisClient asKey = admin.withApiKey(key.secret());
    assertThat(asKey.whoami().keyId()).isEqualTo(key.id());

    admin.keys().revoke(tenant, key.id());
    admin.keys().revoke(tenant, key.id());

    assertThat(admin.keys().get(tenant, key.id()).revokedAt()).isNotNull();
    AegisApiException refused = problem(asKey::whoami);
    assertThat(refused.status()).isEqualTo(401);
    assertThat(refused.kind()).isEqualTo("unauthenticated");
  }

  @Test
  void aTenantAdminManagesItsOwnKeysAndSeesOnlyItsOwnTenant() {
    String tenant = uniqueName("own");
    admin.tenants().create(tenant);
    AegisClient tenantAdmin = admin.withApiKey(admin.keys().create(tenant, "boss", Role.ADMIN).secret());

    CreatedKey agent = tenantAdmin.keys().create(tenant, "bot", Role.AGENT);

    assertThat(tenantAdmin.keys().get(tenant, agent.id()).name()).isEqualTo("bot");
    assertThat(tenantAdmin.tenants().listAll().map(Tenant::name)).containsExactly(tenant);
    WhoAmI me = tenantAdmin.whoami();
    assertThat(me.tenantName()).isEqualTo(tenant);
    assertThat(me.system()).isFalse();
  }

  @Test
  void noKeyIs401() {
    AegisApiException e = problem(() -> admin.withApiKey(null).whoami());

    assertThat(e.status()).isEqualTo(401);
    assertThat(e.type()).isEqualTo("urn:aegis:problem:unauthenticated");
    assertThat(e.detail()).isNotBlank();
  }

  @Test
  void anUnknownKeyIs401AndNeverEchoed() {
    String forged = "aegis_abcdefgh_" + "x".repeat(43);

    AegisApiException e = problem(() -> admin.withApiKey(forged).whoami());

    assertThat(e.status()).isEqualTo(401);
    assertThat(e.getMessage()).doesNotContain(forged);
    assertThat(String.valueOf(e.detail())).doesNotContain(forged);
  }

  @Test
  void anAgentKeyCannotCreateKeys403() {
    String tenant = uniqueName("roles");
    admin.tenants().create(tenant);
    AegisClient agent = admin.withApiKey(admin.keys().create(tenant, "bot", Role.AGENT).secret());

    AegisApiException e = problem(() -> agent.keys().create(tenant, "sneaky", Role.ADMIN));

    assertThat(e.status()).isEqualTo(403);
    assertThat(e.kind()).isEqualTo("forbidden");
    assertThat(admin.keys().listAll(tenant).map(ApiKeyInfo::name)).containsExactly("bot");
  }

  @Test
  void anotherTenantsObjectsAre404AsIfAbsent() {
    String mine = uniqueName("mine");
    String theirs = uniqueName("theirs");
    admin.tenants().create(mine);
    admin.tenants().create(theirs);
    CreatedKey theirKey = admin.keys().create(theirs, "their-bot", Role.AGENT);
    AegisClient myAdmin = admin.withApiKey(admin.keys().create(mine, "boss", Role.ADMIN).secret());

    AegisApiException tenant = problem(() -> myAdmin.tenants().get(theirs));
    AegisApiException keys = problem(() -> myAdmin.keys().list(theirs, PageQuery.first()));
    AegisApiException key = problem(() -> myAdmin.keys().get(theirs, theirKey.id()));
    AegisApiException absent = problem(() -> myAdmin.tenants().get(uniqueName("nobody")));

    for (AegisApiException e : List.of(tenant, keys, key, absent)) {
      assertThat(e.status()).isEqualTo(404);
      assertThat(e.kind()).isEqualTo("not-found");
    }
    assertThat(tenant.title()).isEqualTo(absent.title());
  }

  @Test
  void badKeyFieldsAre422WithPointersAndNothingIsStored() {
    String tenant = uniqueName("invalid");
    admin.tenants().create(tenant);

    AegisApiException e = problem(() -> admin.keys().create(tenant, "", List.of("superuser")));

    assertThat(e.status()).isEqualTo(422);
    assertThat(e.kind()).isEqualTo("validation");
    assertThat(e.errors()).extracting(FieldError::pointer).containsExactlyInAnyOrder("/name", "/roles/0");
    assertThat(e.errors()).allSatisfy(error -> assertThat(error.detail()).isNotBlank());

    AegisApiException repeated = problem(() -> admin.keys().create(tenant, "twice", List.of("agent", "agent")));
    assertThat(repeated.status()).isEqualTo(422);

    AegisApiException none = problem(() -> admin.keys().create(tenant, "none", List.of()));
    assertThat(none.status()).isEqualTo(422);
    assertThat(none.errors()).extracting(FieldError::pointer).contains("/roles");

    assertThat(admin.keys().listAll(tenant)).isEmpty();
  }

  @Test
  void theCallersRequestIdComesBackInProblems() {
    AegisApiException e = problem(() -> admin.withApiKey(null).withRequestId("it-req.42").whoami());

    assertThat(e.requestId()).isEqualTo("it-req.42");
  }
}
