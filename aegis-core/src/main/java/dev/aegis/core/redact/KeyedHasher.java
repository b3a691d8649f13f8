package dev.aegis.core.redact;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The tag in a replacement: the first {@value #HEX_CHARS} hex digits of HMAC-SHA256 under the tenant's key. Keyed,
 * so that nobody without the key can confirm a guessed value (a phone number has few enough possibilities to try
 * them all against a plain hash); truncated, because it only has to make equal values correlate.
 *
 * <p>HMAC as RFC 2104 defines it, with the digest states after the padded key precomputed once: each tag then
 * costs two SHA-256 blocks instead of four. Tests check it against {@code javax.crypto.Mac}.
 */
final class KeyedHasher {
  /** 32 bits: two distinct values of one kind share a tag with odds of 1 in 4 billion. */
  static final int HEX_CHARS = 8;
  private static final int BLOCK_BYTES = 64;
  private static final HexFormat HEX = HexFormat.of();

  private final MessageDigest inner;
  private final MessageDigest outer;

  KeyedHasher(byte[] key) {
    byte[] block = key.length > BLOCK_BYTES ? sha256().digest(key) : key;
    byte[] innerPad = new byte[BLOCK_BYTES];
    byte[] outerPad = new byte[BLOCK_BYTES];
    for (int i = 0; i < BLOCK_BYTES; i++) {
      byte k = i < block.length ? block[i] : 0;
      innerPad[i] = (byte) (k ^ 0x36);
      outerPad[i] = (byte) (k ^ 0x5c);
    }
    this.inner = sha256();
    this.inner.update(innerPad);
    this.outer = sha256();
    this.outer.update(outerPad);
  }

  String tag(String normalized) {
    return tag(normalized.getBytes(StandardCharsets.UTF_8));
  }

  String tag(byte[] raw) {
    return HEX.formatHex(mac(raw), 0, HEX_CHARS / 2);
  }

  /** The full HMAC-SHA256. The precomputed states are only cloned, never updated, so this is thread-safe. */
  byte[] mac(byte[] message) {
    MessageDigest in = copy(inner);
    in.update(message);
    MessageDigest out = copy(outer);
    out.update(in.digest());
    return out.digest();
  }

  /** {@code sha256:<64 hex>} of the UTF-8 text: the unkeyed prompt hash agents compute on their side. */
  static String sha256(String text) {
    return "sha256:" + HEX.formatHex(sha256().digest(text.getBytes(StandardCharsets.UTF_8)));
  }

  private static MessageDigest copy(MessageDigest state) {
    try {
      return (MessageDigest) state.clone();
    } catch (CloneNotSupportedException e) {
      throw new IllegalStateException("the JDK's SHA-256 can be cloned", e);
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
