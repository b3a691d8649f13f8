package dev.aegis.core.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts small secrets that must be read back (webhook signing secrets, later connector credentials) with
 * AES-256-GCM under the master key. A sealed value reads {@code sb1:<key id>:<base64url(nonce, ciphertext, tag)>};
 * the key id names the master key that sealed it, so that keys can be rotated later. Each value is bound to a
 * context (such as the owning row's id): a sealed value copied to another row does not open there.
 */
public final class SecretBox {
  public static final int KEY_BYTES = 32;
  private static final String VERSION = "sb1";
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;

  private final SecretKeySpec key;
  private final String keyId;
  private final SecureRandom random;

  /**
   * @param masterKey 32 bytes
   * @param random the source of nonces
   */
  public SecretBox(byte[] masterKey, SecureRandom random) {
    if (masterKey == null || masterKey.length != KEY_BYTES) {
      throw new IllegalArgumentException("the master key must be " + KEY_BYTES + " bytes");
    }
    this.key = new SecretKeySpec(masterKey.clone(), "AES");
    this.keyId = keyId(masterKey);
    this.random = random;
  }

  /** A short, stable name for a key that reveals nothing useful about it: 8 hex digits of a hash. */
  public static String keyId(byte[] masterKey) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update("aegis secret box key id".getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(Arrays.copyOf(sha.digest(masterKey), 4));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  /** The id of the key this box seals with. */
  public String keyId() {
    return keyId;
  }

  /** Encrypts {@code plaintext} bound to {@code context}. */
  public String seal(String plaintext, String context) {
    byte[] nonce = new byte[NONCE_BYTES];
    random.nextBytes(nonce);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(aad(context));
      byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
      byte[] out = ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
      return VERSION + ":" + keyId + ":" + Base64.getUrlEncoder().withoutPadding().encodeToString(out);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is part of every JDK", e);
    }
  }

  /**
   * Decrypts a value sealed for {@code context}.
   *
   * @throws SecretBoxException when it was sealed under another key, for another context, or was changed
   */
  public String open(String sealed, String context) {
    String[] parts = sealed == null ? new String[0] : sealed.split(":", 3);
    if (parts.length != 3 || !parts[0].equals(VERSION)) {
      throw new SecretBoxException("not a sealed secret");
    }
    if (!parts[1].equals(keyId)) {
      throw new SecretBoxException("sealed under master key " + parts[1] + ", but the master key now is " + keyId);
    }
    byte[] raw;
    try {
      raw = Base64.getUrlDecoder().decode(parts[2]);
    } catch (IllegalArgumentException e) {
      throw new SecretBoxException("not a sealed secret");
    }
    if (raw.length < NONCE_BYTES + TAG_BITS / 8) {
      throw new SecretBoxException("not a sealed secret");
    }
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, raw, 0, NONCE_BYTES));
      cipher.updateAAD(aad(context));
      byte[] plain = cipher.doFinal(raw, NONCE_BYTES, raw.length - NONCE_BYTES);
      return new String(plain, StandardCharsets.UTF_8);
    } catch (javax.crypto.AEADBadTagException e) {
      throw new SecretBoxException("the sealed secret was changed, or belongs to something else");
    } catch (GeneralSecurityException e) {
      throw new SecretBoxException("the sealed secret cannot be opened: " + e.getClass().getSimpleName());
    }
  }

  private static byte[] aad(String context) {
    return (VERSION + "|" + context).getBytes(StandardCharsets.UTF_8);
  }

  /** Never prints the key. */
  @Override
  public String toString() {
    return "SecretBox[keyId=" + keyId + "]";
  }
}
