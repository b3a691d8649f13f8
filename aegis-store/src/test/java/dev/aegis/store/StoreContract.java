package dev.aegis.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aegis.core.auth.ApiKey;
import dev.aegis.core.auth.KeySecrets;
import dev.aegis.core.auth.Role;
import dev.aegis.core.id.IdGenerator;
import dev.aegis.core.page.Page;
import dev.aegis.core.page.PageRequest;
import dev.aegis.core.store.Store;
import dev.aegis.core.store.StoreException;
import dev.aegis.core.tenant.NameTakenException;
import dev.aegis.core.tenant.Tenant;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What every {@link Store} must do, run against each database we support. */
public abstract class StoreContract {
  private static final Instant T0 = Instant.parse("2026-11-24T12:00:00.123Z");

  @TempDir protected Path dataDir;
  protected Store store;
  private final IdGenerator ids = IdGenerator.system();
  private final KeySecrets secrets = new KeySecrets(new SecureRandom());

  /** The configuration of a new, empty store of the kind under test. */
  protected abstract StoreConfig config();

  @BeforeEach
  void open() {
    store = JdbcStores.open(config());
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void storesAndFindsTenants() {
    Tenant acme = tenant("acme");
    store.tenants().create(acme);

    assertThat(store.tenants().findById(acme.id())).contains(acme);
    assertThat(store.tenants().findByName("acme")).contains(acme);
    assertThat(store.tenants().findByName("other")).isEmpty();
    assertThat(store.tenants().findById("ten_missing")).isEmpty();
  }

  @Test
  void refusesADuplicateTenantNameAndKeepsTheFirst() {
    Tenant first = tenant("acme");
    store.tenants().create(first);

    assertThatThrownBy(() -> store.tenants().create(tenant("acme")))
        .isInstanceOf(NameTakenException.class)
        .hasMessageContaining("acme");
    assertThat(store.tenants().list(PageRequest.first(10)).items()).containsExactly(first);
  }

  @Test
  void racingCreatorsOfOneNameGetExactlyOneTenant() throws Exception {
    int threads = 16;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    AtomicInteger won = new AtomicInteger();
    AtomicInteger refused = new AtomicInteger();
    List<Future<?>> futures = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      futures.add(pool.submit(() -> {
        start.await();
        try {
          store.tenants().create(tenant("contested"));
          won.incrementAndGet();
        } catch (NameTakenException e) {
          refused.incrementAndGet();
        }
        return null;
      }));
    }
    start.countDown();
    for (Future<?> f : futures) {
      f.get();
    }
    pool.shutdown();

    assertThat(won).hasValue(1);
    assertThat(refused).hasValue(threads - 1);
    assertThat(store.tenants().list(PageRequest.first(100)).items()).hasSize(1);
  }

  @Test
  void pagesThroughTenantsWithoutGapsOrRepeats() {
    List<String> created = new ArrayList<>();
    for (int i = 0; i < 23; i++) {
      Tenant t = tenant("t-" + i);
      store.tenants().create(t);
      created.add(t.id());
    }

    List<String> seen = new ArrayList<>();
    PageRequest request = PageRequest.first(5);
    int pages = 0;
    while (true) {
      Page<Tenant> page = store.tenants().list(request);
      pages++;
      page.items().forEach(t -> seen.add(t.id()));
      if (page.nextAfterId() == null) {
        break;
      }
      request = new PageRequest(page.nextAfterId(), 5);
    }

    assertThat(pages).isEqualTo(5);
    assertThat(seen).containsExactlyElementsOf(created.stream().sorted().toList());
  }

  @Test
  void anExactlyFullPageSaysThereIsNoMore() {
    for (int i = 0; i < 4; i++) {
      store.tenants().create(tenant("t-" + i));
    }
    Page<Tenant> page = store.tenants().list(PageRequest.first(4));
    assertThat(page.items()).hasSize(4);
    assertThat(page.nextAfterId()).isNull();
  }

  @Test
  void storesKeysWithRolesAndFindsThemByPrefix() {
    Tenant acme = tenant("acme");
    store.tenants().create(acme);
    ApiKey key = key(acme, EnumSet.of(Role.AGENT, Role.OPERATOR));
    store.keys().create(key);

    ApiKey found = store.keys().findByPrefix(key.prefix()).orElseThrow();
    assertThat(found).isEqualTo(key);
    assertThat(found.roles()).containsExactlyInAnyOrder(Role.AGENT, Role.OPERATOR);
    assertThat(store.keys().findByPrefix("aegis_nothere0")).isEmpty();
  }

  @Test
  void keysAreVisibleOnlyWithinTheirTenant() {
    Tenant a = tenant("a");
    Tenant b = tenant("b");
    store.tenants().create(a);
    store.tenants().create(b);
    ApiKey keyOfA = key(a, Set.of(Role.ADMIN));
    store.keys().create(keyOfA);

    assertThat(store.keys().find(a.id(), keyOfA.id())).contains(keyOfA);
    assertThat(store.keys().find(b.id(), keyOfA.id())).isEmpty();
    assertThat(store.keys().list(b.id(), PageRequest.first(10)).items()).isEmpty();
    assertThat(store.keys().revoke(b.id(), keyOfA.id(), T0)).isFalse();
    assertThat(store.keys().find(a.id(), keyOfA.id()).orElseThrow().isActive()).isTrue();
  }

  @Test
  void revokingKeepsTheFirstTimeAndAnswersForMissingKeys() {
    Tenant acme = tenant("acme");
    store.tenants().create(acme);
    ApiKey key = key(acme, Set.of(Role.AGENT));
    store.keys().create(key);

    assertThat(store.keys().revoke(acme.id(), key.id(), T0)).isTrue();
    assertThat(store.keys().revoke(acme.id(), key.id(), T0.plusSeconds(60))).isTrue();
    assertThat(store.keys().find(acme.id(), key.id()).orElseThrow().revokedAt()).isEqualTo(T0);
    assertThat(store.keys().revoke(acme.id(), "key_missing", T0)).isFalse();
  }

  @Test
  void touchOnlyMovesLastUsedForward() {
    Tenant acme = tenant("acme");
    store.tenants().create(acme);
    ApiKey key = key(acme, Set.of(Role.AGENT));
    store.keys().create(key);

    store.keys().touch(key.id(), T0.plusSeconds(120));
    store.keys().touch(key.id(), T0.plusSeconds(60));

    assertThat(store.keys().find(acme.id(), key.id()).orElseThrow().lastUsedAt()).isEqualTo(T0.plusSeconds(120));
  }

  @Test
  void aKeyForAMissingTenantIsRefusedAndNotStored() {
    ApiKey orphan = key(new Tenant("ten_missing", "missing", T0), Set.of(Role.AGENT));

    assertThatThrownBy(() -> store.keys().create(orphan)).isInstanceOf(StoreException.class);
    assertThat(store.keys().findByPrefix(orphan.prefix())).isEmpty();
  }

  @Test
  void pagesThroughATenantsKeys() {
    Tenant acme = tenant("acme");
    store.tenants().create(acme);
    List<String> created = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      ApiKey k = key(acme, Set.of(Role.AGENT));
      store.keys().create(k);
      created.add(k.id());
    }
    Page<ApiKey> first = store.keys().list(acme.id(), PageRequest.first(4));
    Page<ApiKey> second = store.keys().list(acme.id(), new PageRequest(first.nextAfterId(), 4));

    assertThat(first.items()).hasSize(4);
    assertThat(second.items()).hasSize(3);
    assertThat(second.nextAfterId()).isNull();
    List<String> seen = new ArrayList<>();
    first.items().forEach(k -> seen.add(k.id()));
    second.items().forEach(k -> seen.add(k.id()));
    assertThat(seen).containsExactlyElementsOf(created.stream().sorted().toList());
  }

  @Test
  void whatWasWrittenSurvivesReopening() {
    Tenant acme = tenant("acme");
    store.tenants().create(acme);
    ApiKey key = key(acme, Set.of(Role.ADMIN));
    store.keys().create(key);
    StoreConfig sameDatabase = reopenConfig();
    store.close();

    store = JdbcStores.open(sameDatabase);

    assertThat(store.tenants().findByName("acme")).contains(acme);
    assertThat(store.keys().findByPrefix(key.prefix())).contains(key);
  }

  @Test
  void reportsReachabilityAndKind() {
    assertThat(store.isReachable()).isTrue();
    assertThat(store.kind()).isIn("sqlite", "postgresql");
    store.close();
    assertThat(store.isReachable()).isFalse();
    assertThatThrownBy(() -> store.tenants().list(PageRequest.first(1))).isInstanceOf(StoreException.class);
  }

  /** The configuration that opens the same database as the store under test. */
  protected abstract StoreConfig reopenConfig();

  private Tenant tenant(String name) {
    return new Tenant(ids.next(Tenant.ID_PREFIX), name, T0);
  }

  private ApiKey key(Tenant tenant, Set<Role> roles) {
    String secret = secrets.newSecret();
    return new ApiKey(ids.next(ApiKey.ID_PREFIX), tenant.id(), "key", KeySecrets.prefixOf(secret).orElseThrow(),
        KeySecrets.hash(secret), roles, T0, null, null);
  }
}
