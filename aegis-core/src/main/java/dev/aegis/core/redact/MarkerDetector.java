package dev.aegis.core.redact;

import java.util.List;
import java.util.regex.Pattern;

/** Replacements made earlier ({@code <EMAIL:3f2a9c1b>}); protected, so that redacting twice changes nothing. */
final class MarkerDetector implements Detector {
  static final int PRIORITY = 1_000;
  private static final Pattern MARKER = Pattern.compile(
      "<[A-Z][A-Z0-9_]{0,31}:[0-9a-f]{" + KeyedHasher.HEX_CHARS + "}>|<" + Redactor.NOT_CAPTURED_NAME + ">");

  @Override
  public int triggers() {
    return Prescan.MARKER;
  }

  @Override
  public boolean secret() {
    return true;
  }

  @Override
  public List<Found> find(String s, List<Found> out) {
    Anchored m = null;
    for (int i = s.indexOf('<'); i >= 0; i = s.indexOf('<', i + 1)) {
      m = m != null ? m : new Anchored(MARKER, s);
      if (m.matchesAt(i)) {
        out = Found.add(out, new Found(m.start(0), m.end(0), null, PRIORITY, null));
      }
    }
    return out;
  }
}
