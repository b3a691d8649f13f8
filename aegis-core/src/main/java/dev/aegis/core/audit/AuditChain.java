package dev.aegis.core.audit;

import dev.aegis.core.id.IdGenerator;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals and checks the entries of the audit log. Each entry's hash is HMAC-SHA256, under a key derived from the
 * master key, of its canonical form, which holds the previous entry's hash: changing, removing or reordering an
 * entry breaks every hash after it, and only someone with the key can compute hashes that fit. Someone with write
 * access to the database alone cannot forge a consistent chain. docs/audit.md describes the bytes.
 */
public final class AuditChain {
  /** The previous hash of a tenant's first entry. */
  public static final String GENESIS = "0".repeat(64);
  /** What the audit key is derived with: {@code HMAC-SHA256(master key, this text)}. */
  public static final String KEY_LABEL = "aegis audit chain v1";
  private static final String HEAD_LABEL = "aegis audit head v1";
  private static final String ALGORITHM = "HmacSHA256";
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private final SecretKeySpec key;
  private final Clock clock;
  private final IdGenerator ids;

  /**
   * @param auditKey 32 bytes, from {@link #deriveKey}
   * @param clock stamps each entry's time as it is sealed
   * @param ids makes entry ids
   */
  public AuditChain(byte[] auditKey, Clock clock, IdGenerator ids) {
    if (auditKey == null || auditKey.length != 32) {
      throw new IllegalArgumentException("the audit key must be 32 bytes");
    }
    this.key = new SecretKeySpec(auditKey.clone(), ALGORITHM);
    this.clock = clock;
    this.ids = ids;
  }

  /** The audit key of a master key: its own key, so that no other use of the master key yields audit hashes. */
  public static byte[] deriveKey(byte[] masterKey) {
    if (masterKey == null || masterKey.length < 16) {
      throw new IllegalArgumentException("the master key must be at least 16 bytes");
    }
    return hmac(new SecretKeySpec(masterKey, ALGORITHM), KEY_LABEL);
  }

  /**
   * The record as the entry after {@code previous} (null: the tenant's first entry), with its id, time and hash.
   * The store calls this while it holds the tenant's head lock.
   */
  public AuditEntry seal(AuditRecord record, AuditHead previous) {
    long sequence = previous == null ? 1 : previous.sequence() + 1;
    String previousHash = previous == null ? GENESIS : previous.hash();
    Instant at = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    AuditEntry unsealed = new AuditEntry(record.tenantId(), sequence, ids.next(AuditEntry.ID_PREFIX), at,
        record.actor(), record.action(), record.objectType(), record.objectId(), record.before(), record.after(),
        record.requestId(), record.decisionId(), previousHash, null);
    return withHash(unsealed, hashOf(unsealed));
  }

  /** The head that points at this entry, with its MAC. */
  public AuditHead headOf(AuditEntry entry) {
    return new AuditHead(entry.tenantId(), entry.sequence(), entry.hash(),
        headMac(entry.tenantId(), entry.sequence(), entry.hash()));
  }

  /** What the entry's hash must be: HMAC-SHA256 of its canonical form, lowercase hex. Its own hash is ignored. */
  public String hashOf(AuditEntry entry) {
    return HexFormat.of().formatHex(hmac(key, canonicalForm(entry)));
  }

  /** Whether the stored hash is the one the entry's content gives (compared in constant time). */
  public boolean hashMatches(AuditEntry entry) {
    return entry.hash() != null && MessageDigest.isEqual(
        hashOf(entry).getBytes(StandardCharsets.US_ASCII), entry.hash().getBytes(StandardCharsets.US_ASCII));
  }

  /** Whether the head's MAC is one this key made. */
  public boolean headIsAuthentic(AuditHead head) {
    return head.mac() != null && MessageDigest.isEqual(
        headMac(head.tenantId(), head.sequence(), head.hash()).getBytes(StandardCharsets.US_ASCII),
        head.mac().getBytes(StandardCharsets.US_ASCII));
  }

  /**
   * The text an entry's hash is computed over: the RFC 8785 canonical JSON of an object with exactly these members
   * (so sorted): action, actor, after, at, before, decision_id, format, id, object_id, object_type, prev_hash,
   * request_id, sequence, tenant_id. {@code before} and {@code after} are JSON values (or null), {@code at} is
   * RFC 3339 UTC with three fraction digits, {@code format} is {@link AuditEntry#FORMAT}.
   */
  public static String canonicalForm(AuditEntry e) {
    // written member by member, in JCS order; before and after are stored canonical and go in as they are, so
    // that a changed byte anywhere changes the hash
    return "{\"action\":" + CanonicalJson.string(e.action())
        + ",\"actor\":" + CanonicalJson.string(e.actor())
        + ",\"after\":" + (e.after() == null ? "null" : e.after())
        + ",\"at\":" + CanonicalJson.string(formatTime(e.at()))
        + ",\"before\":" + (e.before() == null ? "null" : e.before())
        + ",\"decision_id\":" + CanonicalJson.string(e.decisionId())
        + ",\"format\":" + AuditEntry.FORMAT
        + ",\"id\":" + CanonicalJson.string(e.id())
        + ",\"object_id\":" + CanonicalJson.string(e.objectId())
        + ",\"object_type\":" + CanonicalJson.string(e.objectType())
        + ",\"prev_hash\":" + CanonicalJson.string(e.previousHash())
        + ",\"request_id\":" + CanonicalJson.string(e.requestId())
        + ",\"sequence\":" + e.sequence()
        + ",\"tenant_id\":" + CanonicalJson.string(e.tenantId())
        + "}";
  }

  /** An entry's time as its canonical form writes it, such as {@code 2026-11-25T12:00:00.000Z}. */
  public static String formatTime(Instant at) {
    return TIME.format(at);
  }

  private String headMac(String tenantId, long sequence, String hash) {
    return HexFormat.of().formatHex(hmac(key, HEAD_LABEL + "\n" + tenantId + "\n" + sequence + "\n" + hash));
  }

  private static AuditEntry withHash(AuditEntry e, String hash) {
    return new AuditEntry(e.tenantId(), e.sequence(), e.id(), e.at(), e.actor(), e.action(), e.objectType(),
        e.objectId(), e.before(), e.after(), e.requestId(), e.decisionId(), e.previousHash(), hash);
  }

  private static byte[] hmac(SecretKeySpec key, String message) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 is part of every JDK", e);
    }
  }
}
