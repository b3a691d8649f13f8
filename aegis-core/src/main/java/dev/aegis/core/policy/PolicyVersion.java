package dev.aegis.core.policy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One immutable version of a policy. Versions of a policy are numbered 1, 2, 3... with no gaps; a deletion is a
 * version too (a tombstone without a document), so history is never lost.
 *
 * @param tenantId the tenant that owns the policy
 * @param policyId the policy's id, unique within the tenant
 * @param version the version number, from 1
 * @param document the canonical JSON text of the policy; null only for a tombstone
 * @param source the text as it was submitted; null only for a tombstone
 * @param sourceFormat the format {@code source} is written in; null only for a tombstone
 * @param digest the SHA-256 of {@code document} in lower-case hex ({@link #digestOf}); null only for a tombstone
 * @param change what this version did
 * @param rolledBackFrom for a rollback, the version whose document this one copies; otherwise null
 * @param actor who made the change (an API key id)
 * @param comment why, as the actor wrote it, or null
 * @param createdAt when the version was stored
 */
public record PolicyVersion(
    String tenantId,
    String policyId,
    int version,
    String document,
    String source,
    Format sourceFormat,
    String digest,
    PolicyChange change,
    Integer rolledBackFrom,
    String actor,
    String comment,
    Instant createdAt) {

  public PolicyVersion {
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(policyId, "policyId");
    Objects.requireNonNull(change, "change");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(createdAt, "createdAt");
    if (version < 1) {
      throw new IllegalArgumentException("a policy version starts at 1, was " + version);
    }
    boolean tombstone = change == PolicyChange.DELETE;
    if (tombstone != (document == null) || tombstone != (source == null) || tombstone != (sourceFormat == null)
        || tombstone != (digest == null)) {
      throw new IllegalArgumentException(
          "a deletion has no document, source, format or digest, and every other version has all four");
    }
    if ((change == PolicyChange.ROLLBACK) != (rolledBackFrom != null)) {
      throw new IllegalArgumentException("rolledBackFrom is set on rollbacks and only on them");
    }
  }

  /** Whether this version deletes the policy. */
  public boolean isTombstone() {
    return change == PolicyChange.DELETE;
  }

  /** How decisions and the effective policy name this version: {@code id@version}. */
  public String ref() {
    return policyId + "@" + version;
  }

  /** The SHA-256 of the text's UTF-8 bytes, in lower-case hex: how two documents are found to be the same. */
  public static String digestOf(String document) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha.digest(document.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  /** The format a policy was submitted in. */
  public enum Format {
    JSON,
    YAML;

    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Format> fromWire(String name) {
      for (Format format : values()) {
        if (format.wireName().equals(name)) {
          return Optional.of(format);
        }
      }
      return Optional.empty();
    }
  }
}
