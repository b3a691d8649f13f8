package dev.aegis.core.redact;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The tag in a replacement: the first {@value #HEX_CHARS} hex digits of HMAC-SHA256 under the tenant's key. Keyed,
 * so that nobody without the key can confirm a guessed value (a phone number has few enough possibilities to try
 * them all against a plain hash); truncated, because it only has to make equal values correlate.
 */
final class KeyedHasher {
  /** 32 bits: two distinct values of one kind share a tag with odds of 1 in 4 billion. */
  static final int HEX_CHARS = 8;
  private static final String ALGORITHM = "HmacSHA256";
  private static final HexFormat HEX = HexFormat.of();

  private final SecretKeySpec key;
  private final Mac prototype;

  KeyedHasher(byte[] keyBytes) {
    this.key = new SecretKeySpec(keyBytes, ALGORITHM);
    this.prototype = newMac();
  }

  String tag(String normalized) {
    byte[] mac = mac().doFinal(normalized.getBytes(StandardCharsets.UTF_8));
    return HEX.formatHex(mac, 0, HEX_CHARS / 2);
  }

  String tag(byte[] raw) {
    return HEX.formatHex(mac().doFinal(raw), 0, HEX_CHARS / 2);
  }

  /** {@code sha256:<64 hex>} of the UTF-8 text: the unkeyed prompt hash agents compute on their side. */
  static String sha256(String text) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return "sha256:" + HEX.formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  // A clone of an initialised Mac skips provider lookup and key set-up; the prototype itself is never used to
  // compute, so concurrent clones only read it.
  private Mac mac() {
    try {
      return (Mac) prototype.clone();
    } catch (CloneNotSupportedException e) {
      return newMac();
    }
  }

  private Mac newMac() {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }
}
