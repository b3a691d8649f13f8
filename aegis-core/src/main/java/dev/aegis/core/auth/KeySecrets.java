package dev.aegis.core.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Makes and checks key secrets of the form {@code aegis_<8 chars>_<43 chars>}. The first two parts are the
 * visible prefix; the last carries 256 random bits. Secrets are random enough that a plain SHA-256 is a safe hash.
 */
public final class KeySecrets {
  public static final String SCHEME = "aegis_";
  private static final char[] ALPHABET =
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".toCharArray();
  private static final int PREFIX_CHARS = 8;
  private static final int SECRET_CHARS = 43;

  private final RandomGenerator random;

  public KeySecrets(RandomGenerator random) {
    this.random = random;
  }

  /** A new secret, to show once and then forget. */
  public String newSecret() {
    return SCHEME + randomChars(PREFIX_CHARS, true) + "_" + randomChars(SECRET_CHARS, false);
  }

  /** The visible prefix of a well-formed secret ({@code aegis_xxxxxxxx}), or empty when it is not one. */
  public static Optional<String> prefixOf(String secret) {
    if (secret == null || !secret.startsWith(SCHEME)) {
      return Optional.empty();
    }
    int end = SCHEME.length() + PREFIX_CHARS;
    if (secret.length() != end + 1 + SECRET_CHARS || secret.charAt(end) != '_') {
      return Optional.empty();
    }
    return Optional.of(secret.substring(0, end));
  }

  /** Hex SHA-256 of the secret. */
  public static String hash(String secret) {
    return HexFormat.of().formatHex(sha256(secret));
  }

  /** Whether the secret hashes to the stored hash, compared in constant time. */
  public static boolean matches(String secret, String storedHash) {
    byte[] expected;
    try {
      expected = HexFormat.of().parseHex(storedHash);
    } catch (IllegalArgumentException e) {
      return false;
    }
    return MessageDigest.isEqual(sha256(secret), expected);
  }

  private String randomChars(int count, boolean lowerAndDigitsOnly) {
    StringBuilder out = new StringBuilder(count);
    for (int i = 0; i < count; i++) {
      if (lowerAndDigitsOnly) {
        int pick = random.nextInt(36);
        out.append(pick < 26 ? ALPHABET[pick] : ALPHABET[52 + pick - 26]);
      } else {
        out.append(ALPHABET[random.nextInt(ALPHABET.length)]);
      }
    }
    return out.toString();
  }

  private static byte[] sha256(String secret) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
