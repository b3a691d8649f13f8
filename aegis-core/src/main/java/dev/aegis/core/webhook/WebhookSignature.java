package dev.aegis.core.webhook;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.random.RandomGenerator;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs webhook bodies the way receivers check them: {@code Aegis-Signature: t=<unix seconds>,v1=<hex>}, where the
 * hex is HMAC-SHA256, keyed by the whole signing secret ({@code whsec_...}, as UTF-8), of {@code "<t>.<body>"}.
 */
public final class WebhookSignature {
  public static final String HEADER = "Aegis-Signature";
  public static final String SECRET_PREFIX = "whsec_";
  private static final int SECRET_BYTES = 32;
  private static final String HMAC = "HmacSHA256";

  private WebhookSignature() {}

  /** A new signing secret: {@code whsec_} and 256 random bits in unpadded base64url. */
  public static String newSecret(RandomGenerator random) {
    byte[] bytes = new byte[SECRET_BYTES];
    random.nextBytes(bytes);
    return SECRET_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** The {@code Aegis-Signature} header value for a body sent at {@code unixSeconds}. */
  public static String header(String secret, long unixSeconds, byte[] body) {
    return "t=" + unixSeconds + ",v1=" + HexFormat.of().formatHex(hmac(secret, unixSeconds, body));
  }

  /**
   * Whether the header signs this body with this secret, at a time no further than {@code toleranceSeconds} from
   * {@code nowSeconds} (which stops replays of old deliveries). Any of several {@code v1} values may match.
   */
  public static boolean verify(String header, String secret, byte[] body, long nowSeconds, long toleranceSeconds) {
    if (header == null) {
      return false;
    }
    Long timestamp = null;
    java.util.List<byte[]> signatures = new java.util.ArrayList<>();
    for (String part : header.split(",")) {
      String[] pair = part.strip().split("=", 2);
      if (pair.length != 2) {
        return false;
      }
      try {
        if (pair[0].equals("t")) {
          timestamp = Long.parseLong(pair[1]);
        } else if (pair[0].equals("v1")) {
          signatures.add(HexFormat.of().parseHex(pair[1]));
        }
      } catch (IllegalArgumentException e) {
        return false;
      }
    }
    if (timestamp == null || signatures.isEmpty() || Math.abs(nowSeconds - timestamp) > toleranceSeconds) {
      return false;
    }
    byte[] expected = hmac(secret, timestamp, body);
    for (byte[] signature : signatures) {
      if (MessageDigest.isEqual(expected, signature)) {
        return true;
      }
    }
    return false;
  }

  private static byte[] hmac(String secret, long unixSeconds, byte[] body) {
    try {
      Mac mac = Mac.getInstance(HMAC);
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), HMAC));
      mac.update((unixSeconds + ".").getBytes(StandardCharsets.UTF_8));
      return mac.doFinal(body);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }
}
