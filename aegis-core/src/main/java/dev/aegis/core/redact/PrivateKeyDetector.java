package dev.aegis.core.redact;

import java.util.List;

/**
 * PEM private keys, the whole block from {@code -----BEGIN ... PRIVATE KEY-----} to the matching {@code -----END
 * ...-----} (RSA, EC, DSA, OpenSSH, PKCS#8, encrypted, PGP private key blocks), also when the line breaks are
 * escaped as {@code \n} in JSON. A block without its end line is redacted to the end of the text.
 */
final class PrivateKeyDetector implements Detector {
  private static final String BEGIN = "-----BEGIN ";
  private static final String DASHES = "-----";

  @Override
  public int triggers() {
    return Prescan.PEM;
  }

  @Override
  public boolean secret() {
    return true;
  }

  @Override
  public List<Found> find(String s, List<Found> out) {
    int from = 0;
    while (true) {
      int start = s.indexOf(BEGIN, from);
      if (start < 0) {
        return out;
      }
      int labelEnd = s.indexOf(DASHES, start + BEGIN.length());
      if (labelEnd < 0) {
        return out;
      }
      String label = s.substring(start + BEGIN.length(), labelEnd);
      if (!(label.endsWith("PRIVATE KEY") || label.endsWith("PRIVATE KEY BLOCK")) || label.length() > 40) {
        from = labelEnd;
        continue;
      }
      int endLine = s.indexOf("-----END ", labelEnd + DASHES.length());
      int end = s.length();
      if (endLine >= 0) {
        int close = s.indexOf(DASHES, endLine + 9);
        end = close < 0 ? s.length() : close + DASHES.length();
      }
      out = Found.add(out, RedactionKind.PRIVATE_KEY, start, end, normalize(s, start, end));
      from = end;
    }
  }

  /** Without whitespace and escaped line breaks, so the same key correlates however it was wrapped. */
  private static String normalize(String s, int start, int end) {
    StringBuilder out = new StringBuilder(end - start);
    for (int i = start; i < end; i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 1 < end && (s.charAt(i + 1) == 'n' || s.charAt(i + 1) == 'r')) {
        i++;
      } else if (!Character.isWhitespace(c)) {
        out.append(c);
      }
    }
    return out.toString();
  }
}
