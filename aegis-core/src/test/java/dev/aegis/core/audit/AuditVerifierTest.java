package dev.aegis.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aegis.core.audit.AuditVerification.Problem;
import dev.aegis.core.id.IdGenerator;
import dev.aegis.core.page.Page;
import dev.aegis.core.page.PageRequest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The verifier over a chain kept in a list, changed the ways an attacker with write access to the table could. */
class AuditVerifierTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final byte[] master = new SecureRandom().generateSeed(32);
  private final AuditChain chain = new AuditChain(AuditChain.deriveKey(master), java.time.Clock.systemUTC(),
      IdGenerator.system());

  @Test
  void anIntactChainChecksOut() {
    ListLog log = log(5);

    AuditVerification result = AuditVerifier.verify(log, chain, "ten_01");

    assertThat(result.ok()).isTrue();
    assertThat(result.entriesChecked()).isEqualTo(5);
    assertThat(result.firstBroken()).isNull();
    assertThat(result.head().sequence()).isEqualTo(5);
    assertThat(result.head().hash()).isEqualTo(log.entries.get(4).hash());
  }

  @Test
  void anEmptyChainChecksOut() {
    AuditVerification result = AuditVerifier.verify(new ListLog(), chain, "ten_01");

    assertThat(result.ok()).isTrue();
    assertThat(result.entriesChecked()).isZero();
    assertThat(result.head()).isNull();
  }

  @Test
  void aChangedFieldNamesThatEntry() {
    ListLog log = log(5);
    AuditEntry e = log.entries.get(2);
    log.entries.set(2, new AuditEntry(e.tenantId(), e.sequence(), e.id(), e.at(), "key_01evil", e.action(),
        e.objectType(), e.objectId(), e.before(), e.after(), e.requestId(), e.decisionId(), e.previousHash(),
        e.hash()));

    AuditVerification result = AuditVerifier.verify(log, chain, "ten_01");

    assertThat(result.ok()).isFalse();
    assertThat(result.entriesChecked()).isEqualTo(3);
    assertThat(result.firstBroken().sequence()).isEqualTo(3);
    assertThat(result.firstBroken().entryId()).isEqualTo(e.id());
    assertThat(result.firstBroken().problem()).isEqualTo(Problem.HASH_MISMATCH);
  }

  @Test
  void aRecomputedPlainHashDoesNotHelpWithoutTheKey() {
    ListLog log = log(3);
    AuditEntry e = log.entries.get(1);
    AuditChain attacker = new AuditChain(AuditChain.deriveKey(new SecureRandom().generateSeed(32)),
        java.time.Clock.systemUTC(), IdGenerator.system());
    AuditEntry changed = new AuditEntry(e.tenantId(), e.sequence(), e.id(), e.at(), e.actor(), "key.created",
        e.objectType(), e.objectId(), e.before(), "{\"name\":\"other\"}", e.requestId(), e.decisionId(),
        e.previousHash(), null);
    log.entries.set(1, new AuditEntry(e.tenantId(), e.sequence(), e.id(), e.at(), e.actor(), "key.created",
        e.objectType(), e.objectId(), e.before(), "{\"name\":\"other\"}", e.requestId(), e.decisionId(),
        e.previousHash(), attacker.hashOf(changed)));

    AuditVerification result = AuditVerifier.verify(log, chain, "ten_01");

    assertThat(result.firstBroken().sequence()).isEqualTo(2);
    assertThat(result.firstBroken().problem()).isEqualTo(Problem.HASH_MISMATCH);
  }

  @Test
  void aRemovedEntryIsASequenceGapAtTheEntryAfterIt() {
    ListLog log = log(5);
    log.entries.remove(1);

    AuditVerification result = AuditVerifier.verify(log, chain, "ten_01");

    assertThat(result.firstBroken().sequence()).isEqualTo(3);
    assertThat(result.firstBroken().entryId()).isEqualTo(log.entries.get(1).id());
    assertThat(result.firstBroken().problem()).isEqualTo(Problem.SEQUENCE_GAP);
    assertThat(result.firstBroken().detail()).contains("entry 2 missing");
  }

  @Test
  void aRenumberedChainBreaksOnThePreviousHash() {
    ListLog log = log(4);
    log.entries.remove(1);
    AuditEntry e = log.entries.get(1);
    log.entries.set(1, new AuditEntry(e.tenantId(), 2, e.id(), e.at(), e.actor(), e.action(), e.objectType(),
        e.objectId(), e.before(), e.after(), e.requestId(), e.decisionId(), e.previousHash(), e.hash()));

    AuditVerification result = AuditVerifier.verify(log, chain, "ten_01");

    assertThat(result.firstBroken().sequence()).isEqualTo(2);
    assertThat(result.firstBroken().problem()).isEqualTo(Problem.PREVIOUS_HASH_MISMATCH);
  }

  @Test
  void entriesRemovedFromTheEndAreAHeadMismatch() {
    ListLog log = log(5);
    log.entries.remove(4);
    log.entries.remove(3);

    AuditVerification result = AuditVerifier.verify(log, chain, "ten_01");

    assertThat(result.entriesChecked()).isEqualTo(3);
    assertThat(result.firstBroken().sequence()).isEqualTo(4);
    assertThat(result.firstBroken().entryId()).isNull();
    assertThat(result.firstBroken().problem()).isEqualTo(Problem.HEAD_MISMATCH);
    assertThat(result.firstBroken().detail()).contains("entries 4 to 5 were removed from the end");
  }

  @Test
  void aHeadMovedBackWithTheEntriesIsCaughtByItsMac() {
    ListLog log = log(5);
    log.entries.remove(4);
    AuditEntry last = log.entries.get(3);
    log.head = new AuditHead("ten_01", 4, last.hash(), log.head.mac());

    AuditVerification result = AuditVerifier.verify(log, chain, "ten_01");

    assertThat(result.firstBroken().problem()).isEqualTo(Problem.HEAD_MISMATCH);
    assertThat(result.firstBroken().sequence()).isEqualTo(4);
    assertThat(result.firstBroken().detail()).contains("MAC");
  }

  @Test
  void anEntryAddedPastTheHeadIsAHeadMismatchNamingIt() {
    ListLog log = log(3);
    AuditEntry added = chain.seal(record(), new AuditHead("ten_01", 3, log.entries.get(2).hash(), null));
    log.entries.add(added);

    AuditVerification result = AuditVerifier.verify(log, chain, "ten_01");

    assertThat(result.firstBroken().sequence()).isEqualTo(4);
    assertThat(result.firstBroken().entryId()).isEqualTo(added.id());
    assertThat(result.firstBroken().problem()).isEqualTo(Problem.HEAD_MISMATCH);
  }

  @Test
  void entriesWithoutAHeadAreAHeadMismatch() {
    ListLog log = log(2);
    log.head = null;

    AuditVerification result = AuditVerifier.verify(log, chain, "ten_01");

    assertThat(result.firstBroken().sequence()).isEqualTo(1);
    assertThat(result.firstBroken().problem()).isEqualTo(Problem.HEAD_MISMATCH);
  }

  @Test
  void longChainsAreReadInPages() {
    ListLog log = log(AuditVerifier.PAGE * 2 + 5);

    AuditVerification result = AuditVerifier.verify(log, chain, "ten_01");

    assertThat(result.ok()).isTrue();
    assertThat(result.entriesChecked()).isEqualTo(AuditVerifier.PAGE * 2 + 5);
    assertThat(log.reads).isEqualTo(3);
  }

  private ListLog log(int entries) {
    ListLog log = new ListLog();
    for (int i = 0; i < entries; i++) {
      log.append(record(), chain);
    }
    return log;
  }

  private static AuditRecord record() {
    return AuditRecord.of("ten_01", "key_01abc", "key.revoked", "key", "key_02", null,
        JSON.createObjectNode().put("name", "bot"), "req-1", null);
  }

  /** An audit log in a list, which a test changes directly. */
  private static final class ListLog implements AuditLog {
    final List<AuditEntry> entries = new ArrayList<>();
    AuditHead head;
    int reads;

    @Override
    public AuditEntry append(AuditRecord record, AuditChain chain) {
      AuditEntry entry = chain.seal(record, head);
      entries.add(entry);
      head = chain.headOf(entry);
      return entry;
    }

    @Override
    public Page<AuditEntry> list(String tenantId, AuditQuery query, PageRequest page) {
      throw new UnsupportedOperationException();
    }

    @Override
    public List<AuditEntry> chain(String tenantId, long afterSequence, long upTo, int limit) {
      reads++;
      return entries.stream().filter(e -> e.sequence() > afterSequence && e.sequence() <= upTo).limit(limit)
          .toList();
    }

    @Override
    public ChainEnd end(String tenantId) {
      return new ChainEnd(head, entries.stream().mapToLong(AuditEntry::sequence).max().orElse(0));
    }
  }
}
