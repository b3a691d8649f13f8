package dev.aegis.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aegis.core.audit.AuditChain;
import dev.aegis.core.audit.AuditEntry;
import dev.aegis.core.audit.AuditLog;
import dev.aegis.core.audit.AuditQuery;
import dev.aegis.core.audit.AuditRecord;
import dev.aegis.core.audit.AuditVerification;
import dev.aegis.core.audit.AuditVerification.Problem;
import dev.aegis.core.audit.AuditVerifier;
import dev.aegis.core.id.IdGenerator;
import dev.aegis.core.page.Page;
import dev.aegis.core.page.PageRequest;
import dev.aegis.core.store.Store;
import dev.aegis.core.tenant.Tenant;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What every {@link AuditLog} must do, run against each database; tampering is done with plain SQL. */
public abstract class AuditLogContract {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant T0 = Instant.parse("2026-11-25T12:00:00.123Z");

  @TempDir protected Path dataDir;
  protected Store store;
  private AuditLog audit;
  private final StepClock clock = new StepClock(T0);
  private final AuditChain chain = new AuditChain(AuditChain.deriveKey(new SecureRandom().generateSeed(32)), clock,
      IdGenerator.system());
  private final IdGenerator ids = IdGenerator.system();
  /** Every entry as it was appended, to put a tampered row back. */
  private final List<AuditEntry> original = new ArrayList<>();
  private Tenant acme;
  private Tenant globex;

  /** The configuration of a new, empty store of the kind under test. */
  protected abstract StoreConfig config();

  /** The configuration that opens the same database as the store under test. */
  protected abstract StoreConfig reopenConfig();

  /** What an attacker with write access runs first: the statements that drop the append-only triggers. */
  protected abstract List<String> dropAppendOnlyTriggers();

  @BeforeEach
  void open() {
    store = JdbcStores.open(config());
    audit = store.audit();
    acme = tenant("acme");
    globex = tenant("globex");
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void appendsFormADenseChainPerTenantReadBackAsWritten() {
    AuditEntry first = append(acme, "key_01a", "key.created", "key", "key_01b");
    AuditEntry second = append(acme, "system", "key.revoked", "key", "key_01b");
    AuditEntry other = append(globex, "system", "tenant.created", "tenant", globex.id());

    assertThat(first.sequence()).isEqualTo(1);
    assertThat(first.previousHash()).isEqualTo(AuditChain.GENESIS);
    assertThat(first.at()).isEqualTo(T0);
    assertThat(second.sequence()).isEqualTo(2);
    assertThat(second.previousHash()).isEqualTo(first.hash());
    assertThat(other.sequence()).as("each tenant has its own chain").isEqualTo(1);
    assertThat(audit.chain(acme.id(), 0, Long.MAX_VALUE, 10)).containsExactly(first, second);
    assertThat(audit.chain(acme.id(), 1, 2, 10)).containsExactly(second);
    assertThat(audit.chain(acme.id(), 0, 1, 10)).containsExactly(first);
    assertThat(audit.list(acme.id(), AuditQuery.ALL, PageRequest.first(10)).items()).containsExactly(second, first);
    assertThat(first.after()).isEqualTo("{\"name\":\"bot\",\"roles\":[\"agent\"]}");
    AuditLog.ChainEnd end = audit.end(acme.id());
    assertThat(end.lastSequence()).isEqualTo(2);
    assertThat(end.head()).isEqualTo(chain.headOf(second));
    assertThat(verify(acme).ok()).isTrue();
    assertThat(verify(globex).ok()).isTrue();
  }

  @Test
  void aTenantWithoutEntriesHasNoHeadAndVerifies() {
    assertThat(audit.end(acme.id())).isEqualTo(new AuditLog.ChainEnd(null, 0));
    AuditVerification result = verify(acme);
    assertThat(result.ok()).isTrue();
    assertThat(result.entriesChecked()).isZero();
  }

  @Test
  void listsNewestFirstWithEachFilterAndPagesByCursor() {
    AuditEntry keyCreated = append(acme, "key_01a", "key.created", "key", "key_01b");
    clock.advance(Duration.ofMinutes(1));
    AuditEntry policyApplied = append(acme, "key_01a", "policy.applied", "policy", "support");
    clock.advance(Duration.ofMinutes(1));
    AuditEntry policyDeleted = append(acme, "key_01c", "policy.deleted", "policy", "support");
    clock.advance(Duration.ofMinutes(1));
    AuditEntry otherPolicy = append(acme, "key_01c", "policy.applied", "policy", "billing");
    clock.advance(Duration.ofMinutes(1));
    AuditEntry policyx = append(acme, "system", "policyx.applied", "policyx", "support");
    append(globex, "key_01a", "policy.applied", "policy", "support");

    assertThat(list(new AuditQuery("key_01a", null, null, null, null, null)))
        .containsExactly(policyApplied, keyCreated);
    assertThat(list(new AuditQuery(null, "policy.applied", null, null, null, null)))
        .containsExactly(otherPolicy, policyApplied);
    assertThat(list(new AuditQuery(null, "policy.*", null, null, null, null)))
        .as("a prefix stops at the dot").containsExactly(otherPolicy, policyDeleted, policyApplied);
    assertThat(list(new AuditQuery(null, null, "policy", "support", null, null)))
        .containsExactly(policyDeleted, policyApplied);
    assertThat(list(new AuditQuery(null, null, null, "support", null, null)))
        .containsExactly(policyx, policyDeleted, policyApplied);
    assertThat(list(new AuditQuery(null, null, "key", null, null, null))).containsExactly(keyCreated);
    assertThat(list(new AuditQuery(null, null, null, null, policyApplied.at(), policyx.at())))
        .as("from is inclusive, to exclusive").containsExactly(otherPolicy, policyDeleted, policyApplied);
    assertThat(list(new AuditQuery("key_01c", "policy.*", "policy", "support", T0, null)))
        .containsExactly(policyDeleted);
    assertThat(list(new AuditQuery("nobody", null, null, null, null, null))).isEmpty();

    Page<AuditEntry> page1 = audit.list(acme.id(), AuditQuery.ALL, PageRequest.first(2));
    assertThat(page1.items()).containsExactly(policyx, otherPolicy);
    assertThat(page1.nextAfterId()).isEqualTo("4");
    Page<AuditEntry> page2 = audit.list(acme.id(), AuditQuery.ALL, new PageRequest(page1.nextAfterId(), 2));
    assertThat(page2.items()).containsExactly(policyDeleted, policyApplied);
    Page<AuditEntry> page3 = audit.list(acme.id(), AuditQuery.ALL, new PageRequest(page2.nextAfterId(), 2));
    assertThat(page3.items()).containsExactly(keyCreated);
    assertThat(page3.nextAfterId()).isNull();
    assertThatThrownBy(() -> audit.list(acme.id(), AuditQuery.ALL, new PageRequest("abc", 2)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theDatabaseRefusesToChangeOrRemoveAnEntry() {
    append(acme, "key_01a", "key.created", "key", "key_01b");
    Jdbi raw = RawJdbi.of(reopenConfig());

    assertThatThrownBy(() -> raw.useHandle(h -> h.execute("UPDATE audit_entries SET actor = 'key_01x'")))
        .hasMessageContaining("append-only");
    assertThatThrownBy(() -> raw.useHandle(h -> h.execute("DELETE FROM audit_entries")))
        .hasMessageContaining("append-only");

    assertThat(verify(acme).ok()).isTrue();
  }

  @Test
  void aFieldChangedWithSqlIsNamedByTheVerifier() {
    List<AuditEntry> entries = appendMany(acme, 5);
    AuditEntry target = entries.get(2);

    tamper("UPDATE audit_entries SET after_json = '{\"name\":\"bot\",\"roles\":[\"admin\"]}'"
        + " WHERE tenant_id = '" + acme.id() + "' AND sequence = 3");

    AuditVerification result = verify(acme);
    assertThat(result.ok()).isFalse();
    assertThat(result.entriesChecked()).isEqualTo(3);
    assertThat(result.firstBroken().sequence()).isEqualTo(3);
    assertThat(result.firstBroken().entryId()).isEqualTo(target.id());
    assertThat(result.firstBroken().problem()).isEqualTo(Problem.HASH_MISMATCH);
    assertThat(verify(globex).ok()).as("another tenant's chain is untouched").isTrue();
  }

  @Test
  void eachFieldChangedWithSqlIsCaught() {
    appendMany(acme, 3);
    String where = " WHERE tenant_id = '" + acme.id() + "' AND sequence = 2";
    List<String> changes = List.of("actor = 'key_01x'", "action = 'key.created'", "object_type = 'tenant'",
        "object_id = 'key_01x'", "before_json = '{}'", "after_json = NULL", "request_id = 'other'",
        "decision_id = 'dec_1'", "at = at + 1", "id = 'aud_x'", "hash = '" + "a".repeat(64) + "'");
    for (String change : changes) {
      tamper("UPDATE audit_entries SET " + change + where);
      AuditVerification result = verify(acme);
      assertThat(result.firstBroken()).as(change).isNotNull();
      assertThat(result.firstBroken().sequence()).as(change).isEqualTo(2);
      assertThat(result.firstBroken().problem()).as(change).isEqualTo(Problem.HASH_MISMATCH);
      restore(acme, 2);
    }
    tamper("UPDATE audit_entries SET prev_hash = '" + "b".repeat(64) + "'" + where);
    assertThat(verify(acme).firstBroken().problem()).isEqualTo(Problem.PREVIOUS_HASH_MISMATCH);
  }

  @Test
  void theLastEntryDeletedWithSqlIsAHeadMismatch() {
    appendMany(acme, 4);

    tamper("DELETE FROM audit_entries WHERE tenant_id = '" + acme.id() + "' AND sequence = 4");

    AuditVerification result = verify(acme);
    assertThat(result.ok()).isFalse();
    assertThat(result.firstBroken().problem()).isEqualTo(Problem.HEAD_MISMATCH);
    assertThat(result.firstBroken().sequence()).isEqualTo(4);
    assertThat(result.head().sequence()).isEqualTo(4);

    // moving the head back as well does not help: its MAC was made for entry 4
    AuditEntry third = audit.chain(acme.id(), 2, 3, 1).getFirst();
    tamper("UPDATE audit_heads SET sequence = 3, hash = '" + third.hash() + "' WHERE tenant_id = '" + acme.id()
        + "'");
    AuditVerification moved = verify(acme);
    assertThat(moved.firstBroken().problem()).isEqualTo(Problem.HEAD_MISMATCH);
    assertThat(moved.firstBroken().detail()).contains("MAC");
  }

  @Test
  void anEntryDeletedFromTheMiddleIsASequenceGap() {
    List<AuditEntry> entries = appendMany(acme, 4);

    tamper("DELETE FROM audit_entries WHERE tenant_id = '" + acme.id() + "' AND sequence = 2");

    AuditVerification result = verify(acme);
    assertThat(result.firstBroken().problem()).isEqualTo(Problem.SEQUENCE_GAP);
    assertThat(result.firstBroken().sequence()).isEqualTo(3);
    assertThat(result.firstBroken().entryId()).isEqualTo(entries.get(2).id());
  }

  @Test
  void aChangeAndItsEntryCommitTogetherOrNotAtAll() {
    Tenant initech = new Tenant(ids.next(Tenant.ID_PREFIX), "initech", T0);
    assertThatThrownBy(() -> store.inTransaction(() -> {
      store.tenants().create(initech);
      audit.append(record(initech, "system", "tenant.created", "tenant", initech.id()), chain);
      throw new IllegalArgumentException("the change failed after its entry was written");
    })).isInstanceOf(IllegalArgumentException.class);

    assertThat(store.tenants().findById(initech.id())).isEmpty();

    AuditEntry kept = append(acme, "system", "key.created", "key", "key_01b");
    assertThatThrownBy(() -> store.inTransaction(() -> {
      audit.append(record(acme, "system", "key.revoked", "key", "key_01b"), chain);
      throw new IllegalStateException("rolled back");
    })).isInstanceOf(RuntimeException.class);
    assertThat(audit.end(acme.id()).head().sequence()).as("the head did not move").isEqualTo(1);
    AuditEntry next = store.inTransaction(() -> {
      store.tenants().create(initech);
      return append(acme, "system", "key.revoked", "key", "key_01b");
    });
    assertThat(next.sequence()).isEqualTo(2);
    assertThat(next.previousHash()).isEqualTo(kept.hash());
    assertThat(store.tenants().findById(initech.id())).isPresent();
    assertThat(verify(acme).ok()).isTrue();
  }

  @Test
  void racingAppendsFormOneChain() throws Exception {
    int threads = 12;
    int rounds = 10;
    List<List<AuditEntry>> results = Races.run(threads, t -> {
      List<AuditEntry> mine = new ArrayList<>();
      for (int r = 0; r < rounds; r++) {
        Tenant tenant = r % 3 == 0 ? globex : acme;
        String objectId = "key_" + t + "x" + r;
        // some inside a caller's transaction, as the server appends them
        mine.add(tenant == acme && r % 2 == 0
            ? store.inTransaction(() -> append(acme, "system", "key.created", "key", objectId))
            : append(tenant, "system", "key.created", "key", objectId));
      }
      return mine;
    });

    List<Long> acmeSequences = results.stream().flatMap(List::stream).filter(e -> e.tenantId().equals(acme.id()))
        .map(AuditEntry::sequence).sorted().toList();
    assertThat(acmeSequences).containsExactlyElementsOf(LongStream.rangeClosed(1, acmeSequences.size()).boxed()
        .toList());
    AuditVerification acmeResult = verify(acme);
    AuditVerification globexResult = verify(globex);
    assertThat(acmeResult.ok()).isTrue();
    assertThat(acmeResult.entriesChecked()).isEqualTo(acmeSequences.size());
    assertThat(globexResult.ok()).isTrue();
    assertThat(acmeResult.entriesChecked() + globexResult.entriesChecked()).isEqualTo((long) threads * rounds);
  }

  /** Runs SQL around the store as an attacker with write access would: triggers dropped first. */
  private void tamper(String sql) {
    Jdbi raw = RawJdbi.of(reopenConfig());
    raw.useHandle(h -> {
      for (String drop : dropAppendOnlyTriggers()) {
        h.execute(drop);
      }
      h.execute(sql);
    });
  }

  /** Puts a row back as it was written, so that the next change is tried on an intact chain. */
  private void restore(Tenant tenant, long sequence) {
    AuditEntry e = original.stream().filter(x -> x.tenantId().equals(tenant.id()) && x.sequence() == sequence)
        .findFirst().orElseThrow();
    tamper("DELETE FROM audit_entries WHERE tenant_id = '" + e.tenantId() + "' AND sequence = " + sequence);
    RawJdbi.of(reopenConfig()).useHandle(h -> h.createUpdate("INSERT INTO audit_entries (tenant_id, sequence, id,"
            + " format, at, actor, action, object_type, object_id, before_json, after_json, request_id, decision_id,"
            + " prev_hash, hash) VALUES (:t, :s, :id, 1, :at, :actor, :action, :type, :object, :before, :after,"
            + " :request, :decision, :prev, :hash)")
        .bind("t", e.tenantId()).bind("s", e.sequence()).bind("id", e.id()).bind("at", e.at().toEpochMilli())
        .bind("actor", e.actor()).bind("action", e.action()).bind("type", e.objectType())
        .bind("object", e.objectId()).bind("before", e.before()).bind("after", e.after())
        .bind("request", e.requestId()).bind("decision", e.decisionId()).bind("prev", e.previousHash())
        .bind("hash", e.hash())
        .execute());
    assertThat(verify(tenant).ok()).as("restored").isTrue();
  }

  private List<AuditEntry> appendMany(Tenant tenant, int count) {
    List<AuditEntry> entries = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      entries.add(append(tenant, "key_01a", i % 2 == 0 ? "key.created" : "key.revoked", "key", "key_0" + i));
      clock.advance(Duration.ofSeconds(1));
    }
    return entries;
  }

  private AuditEntry append(Tenant tenant, String actor, String action, String type, String objectId) {
    AuditEntry entry = audit.append(record(tenant, actor, action, type, objectId), chain);
    synchronized (original) {
      original.add(entry);
    }
    return entry;
  }

  private static AuditRecord record(Tenant tenant, String actor, String action, String type, String objectId) {
    return AuditRecord.of(tenant.id(), actor, action, type, objectId, null,
        JSON.createObjectNode().put("name", "bot").set("roles", JSON.createArrayNode().add("agent")), "req-1", null);
  }

  private List<AuditEntry> list(AuditQuery query) {
    return audit.list(acme.id(), query, PageRequest.first(50)).items();
  }

  private AuditVerification verify(Tenant tenant) {
    return AuditVerifier.verify(audit, chain, tenant.id());
  }

  private Tenant tenant(String name) {
    Tenant tenant = new Tenant(ids.next(Tenant.ID_PREFIX), name, T0);
    store.tenants().create(tenant);
    return tenant;
  }

  /** A clock the test moves by hand. */
  private static final class StepClock extends Clock {
    private volatile Instant now;

    StepClock(Instant start) {
      this.now = start;
    }

    void advance(Duration by) {
      now = now.plus(by);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
