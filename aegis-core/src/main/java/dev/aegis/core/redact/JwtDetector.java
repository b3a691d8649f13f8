package dev.aegis.core.redact;

import java.util.List;
import java.util.regex.Pattern;

/**
 * JSON Web Tokens: a base64url header that starts {@code eyJ} (the encoding of <code>{"</code>), a dot, a payload,
 * a dot and a signature, which may be empty (unsigned tokens); five-part JWE tokens are taken whole.
 */
final class JwtDetector implements Detector {
  private static final Pattern JWT = Pattern.compile(
      "(?<![A-Za-z0-9_\\-])eyJ[A-Za-z0-9_\\-]{5,}\\.[A-Za-z0-9_\\-]{2,}\\.[A-Za-z0-9_\\-]*"
          + "(?:\\.[A-Za-z0-9_\\-]+\\.[A-Za-z0-9_\\-]+)?");

  @Override
  public int triggers() {
    return Prescan.JWT;
  }

  @Override
  public boolean secret() {
    return true;
  }

  @Override
  public List<Found> find(String s, List<Found> out) {
    Anchored m = null;
    for (int i = s.indexOf("eyJ"); i >= 0; i = s.indexOf("eyJ", i + 1)) {
      m = m != null ? m : new Anchored(JWT, s);
      if (m.matchesAt(i)) {
        out = Found.add(out, RedactionKind.JWT, m.start(0), m.end(0), m.group(0));
      }
    }
    return out;
  }
}
