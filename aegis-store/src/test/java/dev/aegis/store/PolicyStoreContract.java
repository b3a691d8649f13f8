package dev.aegis.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aegis.core.id.IdGenerator;
import dev.aegis.core.page.Page;
import dev.aegis.core.page.PageRequest;
import dev.aegis.core.policy.PolicyChange;
import dev.aegis.core.policy.PolicyStore;
import dev.aegis.core.policy.PolicyVersion;
import dev.aegis.core.policy.PolicyWrite;
import dev.aegis.core.store.Store;
import dev.aegis.core.tenant.Tenant;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What every {@link PolicyStore} must do, run against each database. */
public abstract class PolicyStoreContract {
  private static final Instant T0 = Instant.parse("2026-11-24T12:00:00.123Z");
  private static final PolicyVersion.Format JSON = PolicyVersion.Format.JSON;
  private static final PolicyVersion.Format YAML = PolicyVersion.Format.YAML;

  @TempDir protected Path dataDir;
  protected Store store;
  private PolicyStore policies;
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
    policies = store.policies();
    acme = tenant("acme");
    globex = tenant("globex");
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void theFirstApplyCreatesVersionOneAndTheNextUpdatesIt() {
    PolicyVersion v1 = written(policies.apply(acme.id(), "support", doc("a"), "policy_id: support\n", YAML,
        "key_1", "first cut", null, T0));
    PolicyVersion v2 = written(policies.apply(acme.id(), "support", doc("b"), src("b"), JSON, "key_2", null, 1,
        T0.plusSeconds(5)));

    assertThat(v1).isEqualTo(new PolicyVersion(acme.id(), "support", 1, doc("a"), "policy_id: support\n", YAML,
        PolicyVersion.digestOf(doc("a")), PolicyChange.CREATE, null, "key_1", "first cut", T0));
    assertThat(v1.digest()).hasSize(64).isNotEqualTo(v2.digest());
    assertThat(v2.version()).isEqualTo(2);
    assertThat(v2.change()).isEqualTo(PolicyChange.UPDATE);
    assertThat(v2.actor()).isEqualTo("key_2");
    assertThat(policies.current(acme.id(), "support")).contains(v2);
    assertThat(policies.version(acme.id(), "support", 1)).contains(v1);
    assertThat(policies.version(acme.id(), "support", 2)).contains(v2);
    assertThat(policies.version(acme.id(), "support", 3)).isEmpty();
    assertThat(policies.revision(acme.id())).isEqualTo(2);
  }

  @Test
  void applyingTheSameDocumentAgainStoresNothing() {
    PolicyVersion v1 = written(apply("support", "a"));

    PolicyWrite again = policies.apply(acme.id(), "support", doc("a"), "other: spelling\n", YAML, "key_2", "retry",
        0, T0.plusSeconds(1));

    assertThat(again).isEqualTo(new PolicyWrite.Unchanged(v1));
    assertThat(history("support")).containsExactly(v1);
    assertThat(policies.revision(acme.id())).isEqualTo(1);
  }

  @Test
  void aStaleExpectedVersionIsAConflictAndStoresNothing() {
    written(apply("support", "a"));
    written(apply("support", "b"));

    assertThat(policies.apply(acme.id(), "support", doc("c"), src("c"), JSON, "key_1", null, 1, T0))
        .isEqualTo(new PolicyWrite.Conflict(1, 2));
    assertThat(policies.apply(acme.id(), "support", doc("c"), src("c"), JSON, "key_1", null, 0, T0))
        .isEqualTo(new PolicyWrite.Conflict(0, 2));
    assertThat(policies.apply(acme.id(), "fresh", doc("c"), src("c"), JSON, "key_1", null, 3, T0))
        .isEqualTo(new PolicyWrite.Conflict(3, 0));
    assertThat(history("support")).hasSize(2);
    assertThat(policies.current(acme.id(), "fresh")).isEmpty();
    assertThat(policies.revision(acme.id())).isEqualTo(2);

    assertThat(written(policies.apply(acme.id(), "support", doc("c"), src("c"), JSON, "key_1", null, 2, T0))
        .version()).isEqualTo(3);
    assertThat(written(policies.apply(acme.id(), "fresh", doc("c"), src("c"), JSON, "key_1", null, 0, T0))
        .version()).isEqualTo(1);
  }

  @Test
  void aRollbackIsANewVersionThatCopiesTheOldDocument() {
    PolicyVersion v1 = written(policies.apply(acme.id(), "support", doc("a"), "a: yaml\n", YAML, "key_1", null,
        null, T0));
    written(apply("support", "b"));

    PolicyVersion v3 = written(policies.rollback(acme.id(), "support", 1, "key_9", "b broke the gateway",
        T0.plusSeconds(60)));

    assertThat(v3).isEqualTo(new PolicyVersion(acme.id(), "support", 3, v1.document(), v1.source(), YAML,
        v1.digest(), PolicyChange.ROLLBACK, 1, "key_9", "b broke the gateway", T0.plusSeconds(60)));
    assertThat(policies.current(acme.id(), "support")).contains(v3);
    assertThat(policies.revision(acme.id())).isEqualTo(3);
  }

  @Test
  void aRollbackToNothingNewOrToNothingAtAllStoresNothing() {
    written(apply("support", "a"));
    PolicyVersion v2 = written(apply("support", "b"));
    written(apply("other", "x"));
    written(policies.delete(acme.id(), "other", "key_1", T0));
    long revision = policies.revision(acme.id());

    assertThat(policies.rollback(acme.id(), "support", 2, "key_1", null, T0)).isEqualTo(new PolicyWrite.Unchanged(v2));
    assertThat(policies.rollback(acme.id(), "support", 9, "key_1", null, T0))
        .isEqualTo(new PolicyWrite.Missing("support", 9));
    assertThat(policies.rollback(acme.id(), "support", 0, "key_1", null, T0))
        .isEqualTo(new PolicyWrite.Missing("support", 0));
    assertThat(policies.rollback(acme.id(), "other", 2, "key_1", null, T0))
        .as("version 2 of other is its tombstone").isEqualTo(new PolicyWrite.Missing("other", 2));
    assertThat(policies.rollback(acme.id(), "nobody", 1, "key_1", null, T0))
        .isEqualTo(new PolicyWrite.Missing("nobody", null));

    assertThat(history("support")).hasSize(2);
    assertThat(history("other")).hasSize(2);
    assertThat(policies.revision(acme.id())).isEqualTo(revision);
  }

  @Test
  void aDeletionIsATombstoneThatKeepsTheHistory() {
    PolicyVersion v1 = written(apply("support", "a"));
    written(apply("keep", "k"));

    PolicyVersion tombstone = written(policies.delete(acme.id(), "support", "key_3", T0.plusSeconds(9)));

    assertThat(tombstone).isEqualTo(new PolicyVersion(acme.id(), "support", 2, null, null, null, null,
        PolicyChange.DELETE, null, "key_3", null, T0.plusSeconds(9)));
    assertThat(policies.current(acme.id(), "support")).isEmpty();
    assertThat(ids(policies.list(acme.id(), PageRequest.first(10)))).containsExactly("keep");
    assertThat(policies.allCurrent(acme.id())).extracting(PolicyVersion::policyId).containsExactly("keep");
    assertThat(history("support")).containsExactly(tombstone, v1);
    assertThat(policies.delete(acme.id(), "support", "key_3", T0)).isEqualTo(new PolicyWrite.Missing("support", null));
    assertThat(policies.delete(acme.id(), "nobody", "key_3", T0)).isEqualTo(new PolicyWrite.Missing("nobody", null));
    assertThat(policies.revision(acme.id())).isEqualTo(3);

    PolicyVersion again = written(apply("support", "a"));
    assertThat(again.version()).isEqualTo(3);
    assertThat(again.change()).as("a deleted policy is created anew").isEqualTo(PolicyChange.CREATE);
  }

  @Test
  void aRollbackRestoresADeletedPolicy() {
    written(apply("support", "a"));
    written(policies.delete(acme.id(), "support", "key_1", T0));

    PolicyVersion restored = written(policies.rollback(acme.id(), "support", 1, "key_1", "undo", T0));

    assertThat(restored.version()).isEqualTo(3);
    assertThat(restored.document()).isEqualTo(doc("a"));
    assertThat(policies.current(acme.id(), "support")).contains(restored);
  }

  @Test
  void listPagesTheLivePoliciesByIdAndAllCurrentReadsThemAll() {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      names.add("policy-" + (char) ('g' - i));
      written(apply(names.get(i), "v1-" + i));
    }
    PolicyVersion updated = written(apply("policy-c", "v2"));

    Page<PolicyVersion> first = policies.list(acme.id(), PageRequest.first(4));
    Page<PolicyVersion> second = policies.list(acme.id(), new PageRequest(first.nextAfterId(), 4));

    List<String> seen = new ArrayList<>(ids(first));
    seen.addAll(ids(second));
    assertThat(seen).containsExactlyElementsOf(names.stream().sorted().toList());
    assertThat(first.nextAfterId()).isEqualTo("policy-d");
    assertThat(second.nextAfterId()).isNull();
    assertThat(first.items()).contains(updated);
    assertThat(policies.allCurrent(acme.id())).hasSize(7).contains(updated)
        .extracting(PolicyVersion::policyId).isSorted();
  }

  @Test
  void historyPagesNewestFirstAndRefusesACursorThatIsNotAVersion() {
    for (int i = 0; i < 5; i++) {
      written(apply("support", "v" + i));
    }

    Page<PolicyVersion> first = policies.history(acme.id(), "support", PageRequest.first(3));
    Page<PolicyVersion> second = policies.history(acme.id(), "support", new PageRequest(first.nextAfterId(), 3));

    assertThat(first.items()).extracting(PolicyVersion::version).containsExactly(5, 4, 3);
    assertThat(first.nextAfterId()).isEqualTo("3");
    assertThat(second.items()).extracting(PolicyVersion::version).containsExactly(2, 1);
    assertThat(second.nextAfterId()).isNull();
    assertThatThrownBy(() -> policies.history(acme.id(), "support", new PageRequest("x", 3)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("x");
    assertThatThrownBy(() -> policies.history(acme.id(), "support", new PageRequest("0", 3)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void tenantsNeverSeeEachOthersPolicies() {
    PolicyVersion mine = written(apply("support", "a"));
    PolicyVersion theirs = written(policies.apply(globex.id(), "support", doc("g"), src("g"), JSON, "key_g", null,
        null, T0));

    assertThat(theirs.version()).as("versions count per tenant").isEqualTo(1);
    assertThat(policies.current(acme.id(), "support")).contains(mine);
    assertThat(policies.current(globex.id(), "support")).contains(theirs);
    written(policies.delete(globex.id(), "support", "key_g", T0));
    assertThat(policies.current(acme.id(), "support")).contains(mine);
    assertThat(policies.version(globex.id(), "support", 1)).contains(theirs);
    assertThat(history("support")).containsExactly(mine);
    assertThat(policies.allCurrent(globex.id())).isEmpty();
    assertThat(policies.list(globex.id(), PageRequest.first(10)).items()).isEmpty();
    assertThat(policies.revision(acme.id())).isEqualTo(1);
    assertThat(policies.revision(globex.id())).isEqualTo(2);
    assertThat(policies.revisions()).containsEntry(acme.id(), 1L).containsEntry(globex.id(), 2L).hasSize(2);
    assertThat(policies.rollback(globex.id(), "support", 1, "key_g", null, T0)).isInstanceOf(PolicyWrite.Written.class);
    assertThat(policies.current(acme.id(), "support")).contains(mine);
  }

  @Test
  void badInputIsRefusedAndNothingIsStored() {
    assertThatThrownBy(() -> policies.apply(acme.id(), " ", doc("a"), src("a"), JSON, "k", null, null, T0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("policyId");
    assertThatThrownBy(() -> policies.apply(acme.id(), "p", "", src("a"), JSON, "k", null, null, T0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("document");
    assertThatThrownBy(() -> policies.apply(acme.id(), "p", doc("a"), src("a"), null, "k", null, null, T0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("format");
    assertThatThrownBy(() -> policies.apply(acme.id(), "p", doc("a"), src("a"), JSON, null, null, null, T0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("actor");
    assertThatThrownBy(() -> policies.apply(acme.id(), "p", doc("a"), src("a"), JSON, "k", null, -1, T0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expectedVersion");
    assertThatThrownBy(() -> policies.rollback(acme.id(), "p", 1, "", null, T0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> policies.delete(acme.id(), "p", "k", null))
        .isInstanceOf(IllegalArgumentException.class);

    assertThat(policies.allCurrent(acme.id())).isEmpty();
    assertThat(policies.version(acme.id(), "p", 1)).isEmpty();
    assertThat(policies.revision(acme.id())).isZero();
  }

  @Test
  void theDatabaseRefusesToChangeOrRemoveAStoredVersion() {
    written(apply("support", "a"));
    Jdbi raw = RawJdbi.of(reopenConfig());

    assertThatThrownBy(() -> raw.useHandle(h -> h.execute("UPDATE policy_versions SET document = '{}'")))
        .hasMessageContaining("immutable");
    assertThatThrownBy(() -> raw.useHandle(h -> h.execute("DELETE FROM policy_versions")))
        .hasMessageContaining("immutable");

    assertThat(policies.version(acme.id(), "support", 1).orElseThrow().document()).isEqualTo(doc("a"));
  }

  @Test
  void racingAppliesOfOnePolicyKeepVersionsDenseAndLoseNothing() throws Exception {
    int threads = 12;
    int rounds = 8;
    List<List<PolicyWrite>> results = Races.run(threads, t -> {
      List<PolicyWrite> mine = new ArrayList<>();
      for (int r = 0; r < rounds; r++) {
        mine.add(apply("contested", "t" + t + "-r" + r));
      }
      return mine;
    });

    List<PolicyVersion> stored = policies.history(acme.id(), "contested", PageRequest.first(500)).items();
    List<Integer> writtenVersions = results.stream().flatMap(List::stream)
        .map(PolicyStoreContract::written).map(PolicyVersion::version).sorted().toList();
    assertThat(writtenVersions).containsExactlyElementsOf(IntStream.rangeClosed(1, threads * rounds).boxed().toList());
    assertThat(stored).extracting(PolicyVersion::version)
        .containsExactlyElementsOf(IntStream.rangeClosed(1, threads * rounds).map(i -> threads * rounds + 1 - i)
            .boxed().toList());
    Set<String> documents = new HashSet<>();
    stored.forEach(v -> documents.add(v.document()));
    assertThat(documents).hasSize(threads * rounds);
    assertThat(stored).filteredOn(v -> v.change() == PolicyChange.CREATE).hasSize(1);
    assertThat(policies.revision(acme.id())).isEqualTo(threads * rounds);
  }

  @Test
  void racingAppliesThatExpectTheSameVersionLetExactlyOneWin() throws Exception {
    written(apply("contested", "base"));

    List<PolicyWrite> results = Races.run(12, t ->
        policies.apply(acme.id(), "contested", doc("t" + t), src("t" + t), JSON, "key_" + t, null, 1, T0));

    assertThat(results).filteredOn(PolicyWrite.Written.class::isInstance).hasSize(1);
    assertThat(results).filteredOn(PolicyWrite.Conflict.class::isInstance).hasSize(11)
        .allMatch(w -> w.equals(new PolicyWrite.Conflict(1, 2)));
    assertThat(history("contested")).hasSize(2);
  }

  @Test
  void whatWasWrittenSurvivesReopening() {
    PolicyVersion v1 = written(apply("support", "a"));
    PolicyVersion v2 = written(policies.delete(acme.id(), "support", "key_1", T0));
    store.close();

    store = JdbcStores.open(reopenConfig());
    policies = store.policies();

    assertThat(history("support")).containsExactly(v2, v1);
    assertThat(policies.revision(acme.id())).isEqualTo(2);
  }

  private PolicyWrite apply(String policyId, String content) {
    return policies.apply(acme.id(), policyId, doc(content), src(content), JSON, "key_1", null, null, T0);
  }

  private List<PolicyVersion> history(String policyId) {
    return policies.history(acme.id(), policyId, PageRequest.first(100)).items();
  }

  private static PolicyVersion written(PolicyWrite write) {
    assertThat(write).isInstanceOf(PolicyWrite.Written.class);
    return ((PolicyWrite.Written) write).version();
  }

  private static List<String> ids(Page<PolicyVersion> page) {
    return page.items().stream().map(PolicyVersion::policyId).toList();
  }

  /** A canonical document that differs by its content. */
  private static String doc(String content) {
    return "{\"capabilities\":[\"read:" + content + "\"],\"policy_id\":\"p\"}";
  }

  /** The text as a client might have sent it, spaced differently from the canonical form. */
  private static String src(String content) {
    return "{ \"policy_id\": \"p\", \"capabilities\": [\"read:" + content + "\"] }";
  }


  private Tenant tenant(String name) {
    Tenant tenant = new Tenant(ids.next(Tenant.ID_PREFIX), name, T0);
    store.tenants().create(tenant);
    return tenant;
  }
}
