package dev.aegis.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aegis.core.id.IdGenerator;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AuditChainTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** The master key 00 01 02 ... 1f. */
  private static final byte[] MASTER = HexFormat.of().parseHex(
      "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
  private static final Instant T0 = Instant.parse("2026-11-25T12:00:00Z");

  private final AuditChain chain = new AuditChain(AuditChain.deriveKey(MASTER), Clock.fixed(T0, ZoneOffset.UTC),
      new IdGenerator(Clock.fixed(T0, ZoneOffset.UTC), new Random(7)));

  @Test
  void theAuditKeyIsHmacOfTheMasterKeyAndItsLabel() {
    // computed apart from Aegis: printf 'aegis audit chain v1' | openssl dgst -sha256 -mac HMAC -macopt hexkey:0001...1f
    assertThat(HexFormat.of().formatHex(AuditChain.deriveKey(MASTER)))
        .isEqualTo("ad5eaf30309f4ee7c281f7e53867dfb040abfa408cff156e83f7de30f2aa701d");
  }

  @Test
  void anEntrysHashIsWhatAnAuditorComputesWithAnyJcsImplementation() throws Exception {
    String after = CanonicalJson.write(JSON.readTree(
        "{\"name\": \"café ☕ \\\"q\\\"\\n\", \"id\": \"key_01abc\", \"roles\": [\"admin\"], \"n\": 0.5}"));
    AuditEntry entry = new AuditEntry("ten_01", 1, "aud_01", T0, "key_01abc", "key.created", "key", "key_01abc",
        null, after, "req-1", null, AuditChain.GENESIS, null);

    // the same entry through Python's json.dumps(sort_keys=True, separators=(',', ':'), ensure_ascii=False), then
    // hmac.new(audit_key, canonical.encode('utf-8'), hashlib.sha256): docs/audit.md shows the script
    assertThat(AuditChain.canonicalForm(entry)).isEqualTo("{\"action\":\"key.created\",\"actor\":\"key_01abc\","
        + "\"after\":{\"id\":\"key_01abc\",\"n\":0.5,\"name\":\"café ☕ \\\"q\\\"\\n\",\"roles\":[\"admin\"]},"
        + "\"at\":\"2026-11-25T12:00:00.000Z\",\"before\":null,\"decision_id\":null,\"format\":1,\"id\":\"aud_01\","
        + "\"object_id\":\"key_01abc\",\"object_type\":\"key\",\"prev_hash\":\"" + "0".repeat(64) + "\","
        + "\"request_id\":\"req-1\",\"sequence\":1,\"tenant_id\":\"ten_01\"}");
    assertThat(chain.hashOf(entry)).isEqualTo("f4b47034f118ebf215a7d953214fb1a71afa3366c0eeaac18d2f641d0eac3d37");
  }

  @Test
  void theCanonicalFormIsTheJcsOfTheEntryAsJson() throws Exception {
    AuditEntry entry = chain.seal(AuditRecord.of("ten_01", "system", "tenant.created", "tenant", "ten_01", null,
        JSON.readTree("{\"name\": \"acme\", \"created_at\": \"2026-11-25T12:00:00.000Z\"}"), null, null), null);
    ObjectNode asJson = JSON.createObjectNode();
    asJson.put("tenant_id", entry.tenantId()).put("sequence", entry.sequence()).put("id", entry.id())
        .put("at", "2026-11-25T12:00:00.000Z").put("actor", entry.actor()).put("action", entry.action())
        .put("object_type", entry.objectType()).put("object_id", entry.objectId()).put("format", 1)
        .put("request_id", (String) null).put("decision_id", (String) null).put("prev_hash", entry.previousHash());
    asJson.set("before", null);
    asJson.set("after", JSON.readTree(entry.after()));

    assertThat(AuditChain.canonicalForm(entry)).isEqualTo(CanonicalJson.write(asJson));
  }

  @Test
  void sealingChainsEachEntryToTheOneBefore() {
    AuditEntry first = chain.seal(record("key.created"), null);
    AuditEntry second = chain.seal(record("key.revoked"), chain.headOf(first));

    assertThat(first.sequence()).isEqualTo(1);
    assertThat(first.previousHash()).isEqualTo(AuditChain.GENESIS);
    assertThat(first.id()).startsWith("aud_");
    assertThat(first.at()).isEqualTo(T0);
    assertThat(first.hash()).matches("[0-9a-f]{64}");
    assertThat(second.sequence()).isEqualTo(2);
    assertThat(second.previousHash()).isEqualTo(first.hash());
    assertThat(chain.hashMatches(first)).isTrue();
    assertThat(chain.hashMatches(second)).isTrue();
  }

  @Test
  void everyFieldIsCoveredByTheHash() {
    AuditEntry e = chain.seal(AuditRecord.of("ten_01", "key_01abc", "key.created", "key", "key_02", null,
        JSON.createObjectNode().put("name", "bot"), "req-1", "dec_1"), null);

    assertThat(chain.hashMatches(e)).isTrue();
    assertThat(chain.hashMatches(new AuditEntry("ten_02", e.sequence(), e.id(), e.at(), e.actor(), e.action(),
        e.objectType(), e.objectId(), e.before(), e.after(), e.requestId(), e.decisionId(), e.previousHash(),
        e.hash()))).as("tenant").isFalse();
    assertThat(chain.hashMatches(new AuditEntry(e.tenantId(), 2, e.id(), e.at(), e.actor(), e.action(),
        e.objectType(), e.objectId(), e.before(), e.after(), e.requestId(), e.decisionId(), e.previousHash(),
        e.hash()))).as("sequence").isFalse();
    assertThat(chain.hashMatches(new AuditEntry(e.tenantId(), e.sequence(), "aud_x", e.at(), e.actor(), e.action(),
        e.objectType(), e.objectId(), e.before(), e.after(), e.requestId(), e.decisionId(), e.previousHash(),
        e.hash()))).as("id").isFalse();
    assertThat(chain.hashMatches(new AuditEntry(e.tenantId(), e.sequence(), e.id(), e.at().plusMillis(1), e.actor(),
        e.action(), e.objectType(), e.objectId(), e.before(), e.after(), e.requestId(), e.decisionId(),
        e.previousHash(), e.hash()))).as("time").isFalse();
    assertThat(chain.hashMatches(new AuditEntry(e.tenantId(), e.sequence(), e.id(), e.at(), "system", e.action(),
        e.objectType(), e.objectId(), e.before(), e.after(), e.requestId(), e.decisionId(), e.previousHash(),
        e.hash()))).as("actor").isFalse();
    assertThat(chain.hashMatches(new AuditEntry(e.tenantId(), e.sequence(), e.id(), e.at(), e.actor(), "key.revoked",
        e.objectType(), e.objectId(), e.before(), e.after(), e.requestId(), e.decisionId(), e.previousHash(),
        e.hash()))).as("action").isFalse();
    assertThat(chain.hashMatches(new AuditEntry(e.tenantId(), e.sequence(), e.id(), e.at(), e.actor(), e.action(),
        "tenant", e.objectId(), e.before(), e.after(), e.requestId(), e.decisionId(), e.previousHash(),
        e.hash()))).as("object type").isFalse();
    assertThat(chain.hashMatches(new AuditEntry(e.tenantId(), e.sequence(), e.id(), e.at(), e.actor(), e.action(),
        e.objectType(), "key_03", e.before(), e.after(), e.requestId(), e.decisionId(), e.previousHash(),
        e.hash()))).as("object id").isFalse();
    assertThat(chain.hashMatches(new AuditEntry(e.tenantId(), e.sequence(), e.id(), e.at(), e.actor(), e.action(),
        e.objectType(), e.objectId(), "{}", e.after(), e.requestId(), e.decisionId(), e.previousHash(),
        e.hash()))).as("before").isFalse();
    assertThat(chain.hashMatches(new AuditEntry(e.tenantId(), e.sequence(), e.id(), e.at(), e.actor(), e.action(),
        e.objectType(), e.objectId(), e.before(), "{\"name\": \"bot\"}", e.requestId(), e.decisionId(),
        e.previousHash(), e.hash()))).as("after, same JSON written differently").isFalse();
    assertThat(chain.hashMatches(new AuditEntry(e.tenantId(), e.sequence(), e.id(), e.at(), e.actor(), e.action(),
        e.objectType(), e.objectId(), e.before(), e.after(), "req-2", e.decisionId(), e.previousHash(),
        e.hash()))).as("request id").isFalse();
    assertThat(chain.hashMatches(new AuditEntry(e.tenantId(), e.sequence(), e.id(), e.at(), e.actor(), e.action(),
        e.objectType(), e.objectId(), e.before(), e.after(), e.requestId(), null, e.previousHash(),
        e.hash()))).as("decision id").isFalse();
    assertThat(chain.hashMatches(new AuditEntry(e.tenantId(), e.sequence(), e.id(), e.at(), e.actor(), e.action(),
        e.objectType(), e.objectId(), e.before(), e.after(), e.requestId(), e.decisionId(), "1".repeat(64),
        e.hash()))).as("previous hash").isFalse();
  }

  @Test
  void anotherMasterKeyGivesOtherHashesAndRejectsTheHead() {
    AuditEntry entry = chain.seal(record("key.created"), null);
    byte[] otherMaster = MASTER.clone();
    otherMaster[0] ^= 1;
    AuditChain other = new AuditChain(AuditChain.deriveKey(otherMaster), Clock.systemUTC(), IdGenerator.system());

    assertThat(other.hashMatches(entry)).isFalse();
    assertThat(other.headIsAuthentic(chain.headOf(entry))).isFalse();
    assertThat(chain.headIsAuthentic(chain.headOf(entry))).isTrue();
  }

  @Test
  void aHeadMovedBackToAnEarlierEntryDoesNotCarryAValidMac() {
    AuditEntry first = chain.seal(record("key.created"), null);
    AuditEntry second = chain.seal(record("key.revoked"), chain.headOf(first));
    AuditHead forged = new AuditHead("ten_01", first.sequence(), first.hash(), chain.headOf(second).mac());

    assertThat(chain.headIsAuthentic(forged)).isFalse();
  }

  private static AuditRecord record(String action) {
    return AuditRecord.of("ten_01", "key_01abc", action, "key", "key_02", null,
        JSON.createObjectNode().put("name", "bot"), "req-1", null);
  }
}
