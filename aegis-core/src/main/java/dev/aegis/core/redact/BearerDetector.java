package dev.aegis.core.redact;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;

/**
 * HTTP credentials after an authorization scheme word; the word stays, the credential goes.
 *
 * <p>{@code Bearer <token>}: a token of at least 8 characters that holds a digit or is at least 24 long, so that
 * prose such as "a Bearer token" or "Bearer authentication" survives. {@code Basic <base64>}: only when it decodes
 * to {@code user:password}.
 */
final class BearerDetector implements Detector {
  private static final Words SCHEMES = new Words("bearer", "basic");
  private static final Pattern SCHEME =
      Pattern.compile("(?i)(?<![a-z0-9])(bearer|basic)\\s{1,8}([A-Za-z0-9._~+/\\-]+=*)");

  @Override
  public int triggers() {
    return Prescan.AUTH_SCHEME;
  }

  @Override
  public boolean secret() {
    return true;
  }

  @Override
  public List<Found> find(String s, List<Found> out) {
    Anchored m = null;
    int n = s.length();
    for (int i = 0; i < n; i++) {
      if (!SCHEMES.at(s, i)) {
        continue;
      }
      m = m != null ? m : new Anchored(SCHEME, s);
      if (!m.matchesAt(i)) {
        continue;
      }
      String token = m.group(2);
      boolean basic = m.group(1).length() == 5;
      if (basic ? isBasicCredential(token) : isBearerToken(token)) {
        out = Found.add(out, RedactionKind.BEARER, m.start(2), m.end(2), token);
      }
    }
    return out;
  }

  private static boolean isBearerToken(String token) {
    if (token.length() < 8) {
      return false;
    }
    return token.length() >= 24 || token.chars().anyMatch(c -> c >= '0' && c <= '9');
  }

  private static boolean isBasicCredential(String token) {
    if (token.length() < 4) {
      return false;
    }
    try {
      byte[] raw = Base64.getDecoder().decode(token);
      String decoded = new String(raw, StandardCharsets.UTF_8);
      return decoded.indexOf(':') > 0 && decoded.chars().noneMatch(Character::isISOControl);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
