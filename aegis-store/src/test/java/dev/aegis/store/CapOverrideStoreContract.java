package dev.aegis.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aegis.core.id.IdGenerator;
import dev.aegis.core.page.Page;
import dev.aegis.core.page.PageRequest;
import dev.aegis.core.policy.CapOverride;
import dev.aegis.core.policy.CapOverrideStore;
import dev.aegis.core.store.Store;
import dev.aegis.core.store.StoreException;
import dev.aegis.core.tenant.Tenant;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What every {@link CapOverrideStore} must do, run against each database. */
public abstract class CapOverrideStoreContract {
  private static final Instant T0 = Instant.parse("2026-11-24T12:00:00.123Z");
  private static final CapOverride.Source OPERATOR = CapOverride.Source.OPERATOR;

  @TempDir protected Path dataDir;
  protected Store store;
  private CapOverrideStore caps;
  private final IdGenerator ids = IdGenerator.system();
  private Tenant acme;
  private Tenant globex;

  /** The configuration of a new, empty store of the kind under test. */
  protected abstract StoreConfig config();

  /** The configuration that opens the same database as the store under test. */
  protected abstract StoreConfig reopenConfig();

  @BeforeEach
  void open() {
    store = JdbcStores.open(config());
    caps = store.capOverrides();
    acme = tenant("acme");
    globex = tenant("globex");
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void anOverrideReadsBackWhole() {
    CapOverride cap = new CapOverride(ids.next(CapOverride.ID_PREFIX), acme.id(), "agent-1", "db", 12,
        "db answered 429", CapOverride.Source.UPSTREAM_429, "tool-gateway", T0, T0.plusSeconds(300));

    assertThat(caps.put(cap)).isEmpty();

    assertThat(caps.find(acme.id(), cap.id(), T0)).contains(cap);
    assertThat(caps.active(acme.id(), T0)).containsExactly(cap);
    assertThat(caps.revision(acme.id())).isEqualTo(1);
    assertThat(store.policies().revision(acme.id())).as("policies did not change").isZero();
  }

  @Test
  void aPutReplacesTheOverrideForTheSameAgentAndConnectorOnly() {
    CapOverride first = cap(acme, "agent-1", "db", 10, null);
    CapOverride allAgents = cap(acme, CapOverride.ANY_AGENT, "db", 20, null);
    CapOverride otherConnector = cap(acme, "agent-1", "s3", 30, null);
    caps.put(first);
    caps.put(allAgents);
    caps.put(otherConnector);

    CapOverride second = cap(acme, "agent-1", "db", 5, T0.plusSeconds(60));
    assertThat(caps.put(second)).contains(first);

    assertThat(caps.find(acme.id(), first.id(), T0)).isEmpty();
    assertThat(caps.active(acme.id(), T0)).containsExactly(allAgents, second, otherConnector);
    assertThat(caps.revision(acme.id())).isEqualTo(4);
  }

  @Test
  void expiryIsAppliedOnEveryRead() {
    CapOverride brief = cap(acme, "agent-1", "db", 10, T0.plusSeconds(60));
    CapOverride lasting = cap(acme, "agent-2", "db", 10, null);
    caps.put(brief);
    caps.put(lasting);
    Instant justBefore = T0.plusSeconds(60).minusMillis(1);
    Instant atExpiry = T0.plusSeconds(60);

    assertThat(caps.active(acme.id(), justBefore)).containsExactly(brief, lasting);
    assertThat(caps.active(acme.id(), atExpiry)).containsExactly(lasting);
    assertThat(caps.find(acme.id(), brief.id(), justBefore)).contains(brief);
    assertThat(caps.find(acme.id(), brief.id(), atExpiry)).isEmpty();
    assertThat(caps.list(acme.id(), atExpiry, PageRequest.first(10)).items()).containsExactly(lasting);
    assertThat(caps.active(acme.id(), T0.plusSeconds(86_400 * 365))).containsExactly(lasting);

    long revision = caps.revision(acme.id());
    assertThat(caps.deleteExpired(justBefore)).isZero();
    assertThat(caps.deleteExpired(atExpiry)).isEqualTo(1);
    assertThat(caps.find(acme.id(), brief.id(), T0)).as("gone, not just expired").isEmpty();
    assertThat(caps.revision(acme.id())).isEqualTo(revision);
  }

  @Test
  void listPagesTheActiveOverridesById() {
    List<CapOverride> stored = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      stored.add(cap(acme, "agent-" + i, "db", 10 + i, null));
      caps.put(stored.get(i));
    }
    caps.put(cap(acme, "agent-x", "db", 1, T0.plusSeconds(1)));

    Page<CapOverride> first = caps.list(acme.id(), T0.plusSeconds(1), PageRequest.first(4));
    Page<CapOverride> second = caps.list(acme.id(), T0.plusSeconds(1), new PageRequest(first.nextAfterId(), 4));

    List<CapOverride> seen = new ArrayList<>(first.items());
    seen.addAll(second.items());
    assertThat(seen).containsExactlyElementsOf(stored);
    assertThat(second.nextAfterId()).isNull();
  }

  @Test
  void deletingBumpsTheRevisionOnlyWhenSomethingWent() {
    CapOverride cap = cap(acme, "agent-1", "db", 10, null);
    caps.put(cap);

    assertThat(caps.delete(globex.id(), cap.id())).isFalse();
    assertThat(caps.revision(acme.id())).isEqualTo(1);
    assertThat(caps.delete(acme.id(), cap.id())).isTrue();
    assertThat(caps.revision(acme.id())).isEqualTo(2);
    assertThat(caps.delete(acme.id(), cap.id())).isFalse();
    assertThat(caps.revision(acme.id())).isEqualTo(2);
    assertThat(caps.active(acme.id(), T0)).isEmpty();
  }

  @Test
  void tenantsNeverSeeEachOthersOverrides() {
    CapOverride mine = cap(acme, "agent-1", "db", 10, null);
    CapOverride theirs = cap(globex, "agent-1", "db", 99, null);

    assertThat(caps.put(mine)).isEmpty();
    assertThat(caps.put(theirs)).as("the same agent and connector in another tenant is another slot").isEmpty();

    assertThat(caps.active(acme.id(), T0)).containsExactly(mine);
    assertThat(caps.active(globex.id(), T0)).containsExactly(theirs);
    assertThat(caps.find(globex.id(), mine.id(), T0)).isEmpty();
    assertThat(caps.list(globex.id(), T0, PageRequest.first(10)).items()).containsExactly(theirs);
    assertThat(caps.revision(globex.id())).isEqualTo(1);
  }

  @Test
  void badInputIsRefusedAndNothingIsStored() {
    String id = ids.next(CapOverride.ID_PREFIX);
    assertThatThrownBy(() -> new CapOverride(id, acme.id(), "agent-1", "db", 0, null, OPERATOR, "key_1", T0, null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("limitPerMin");
    assertThatThrownBy(() -> new CapOverride(id, acme.id(), "agent-1", "db", -5, null, OPERATOR, "key_1", T0, null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new CapOverride(id, acme.id(), " ", "db", 5, null, OPERATOR, "key_1", T0, null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("agentId");
    assertThatThrownBy(() -> new CapOverride(id, acme.id(), "agent-1", "", 5, null, OPERATOR, "key_1", T0, null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("connector");
    assertThatThrownBy(() -> new CapOverride(id, acme.id(), "agent-1", "db", 5, null, OPERATOR, "key_1", T0, T0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expiresAt");

    CapOverride orphan = new CapOverride(id, "ten_missing", "agent-1", "db", 5, null, OPERATOR, "key_1", T0, null);
    assertThatThrownBy(() -> caps.put(orphan)).isInstanceOf(StoreException.class);
    // a writer that goes around the record still cannot store a limit that caps nothing
    assertThatThrownBy(() -> RawJdbi.of(reopenConfig()).useHandle(h -> h.execute("INSERT INTO cap_overrides (id,"
        + " tenant_id, agent_id, connector, limit_per_min, source, actor, created_at) VALUES (?, ?, 'agent-1', 'db',"
        + " 0, 'operator', 'key_1', 0)", id, acme.id()))).hasMessageContaining("limit_per_min");

    assertThat(caps.find(acme.id(), id, T0)).isEmpty();
    assertThat(caps.active(acme.id(), T0)).isEmpty();
    assertThat(caps.revision(acme.id())).isZero();
  }

  @Test
  void racingPutsOfOneSlotLeaveOneOverrideAndReplaceEachOtherInTurn() throws Exception {
    int threads = 12;
    List<CapOverride> puts = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      puts.add(cap(acme, "agent-1", "db", 1 + i, null));
    }

    List<Optional<CapOverride>> replaced = Races.run(threads, i -> caps.put(puts.get(i)));

    List<CapOverride> active = caps.active(acme.id(), T0);
    assertThat(active).hasSize(1);
    assertThat(replaced).filteredOn(Optional::isEmpty).as("exactly one put found the slot empty").hasSize(1);
    Set<String> seen = new HashSet<>();
    replaced.forEach(r -> r.ifPresent(o -> assertThat(seen.add(o.id())).as("replaced twice: %s", o.id()).isTrue()));
    seen.add(active.get(0).id());
    assertThat(seen).as("each put was replaced by the next, or is the one left")
        .containsExactlyInAnyOrderElementsOf(puts.stream().map(CapOverride::id).toList());
    assertThat(caps.revision(acme.id())).isEqualTo(threads);
  }

  @Test
  void whatWasWrittenSurvivesReopening() {
    CapOverride cap = cap(acme, "agent-1", "db", 10, T0.plusSeconds(60));
    caps.put(cap);
    store.close();

    store = JdbcStores.open(reopenConfig());
    caps = store.capOverrides();

    assertThat(caps.active(acme.id(), T0)).containsExactly(cap);
    assertThat(caps.revision(acme.id())).isEqualTo(1);
  }

  private CapOverride cap(Tenant tenant, String agent, String connector, int limit, Instant expiresAt) {
    return new CapOverride(ids.next(CapOverride.ID_PREFIX), tenant.id(), agent, connector, limit, "maintenance",
        OPERATOR, "key_1", T0, expiresAt);
  }


  private Tenant tenant(String name) {
    Tenant tenant = new Tenant(ids.next(Tenant.ID_PREFIX), name, T0);
    store.tenants().create(tenant);
    return tenant;
  }
}
