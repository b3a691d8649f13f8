package dev.aegis.core.redact;

import java.util.List;
import java.util.regex.Pattern;

/**
 * US social security numbers: {@code 123-45-6789} or {@code 123 45 6789} anywhere, and nine bare digits only right
 * after an {@code SSN} or {@code social security number} label. Numbers that cannot be issued are skipped: area
 * 000, 666 or 900-999, group 00, serial 0000.
 */
final class SsnDetector implements Detector {
  private static final Pattern GROUPED =
      Pattern.compile("(?<![\\w\\-])(?<!\\d )(\\d{3}([\\- ])\\d{2}\\2\\d{4})(?!\\w|-\\d)");
  private static final Pattern LABELLED = Pattern.compile(
      "(?i)(?<![a-z])(?:ssn|social[ _\\-]?security(?:[ _\\-]?(?:number|num|no|nr))?)(?![a-z])"
          + "[\"']?\\s{0,3}[:=#.]?\\s{0,3}[\"']?(\\d{9}|\\d{3}([\\- ])\\d{2}\\2\\d{4})(?!\\w|-\\d)");

  private static final Words LABELS = new Words("ssn", "social");

  @Override
  public int triggers() {
    return Prescan.SEQ9;
  }

  @Override
  public boolean secret() {
    return false;
  }

  @Override
  public List<Found> find(String s, List<Found> out) {
    Anchored grouped = null;
    Anchored labelled = null;
    int n = s.length();
    for (int i = 0; i < n; i++) {
      if (i + 6 <= n && Prescan.isDigit(s.charAt(i)) && (i == 0 || !Prescan.isDigit(s.charAt(i - 1)))
          && Prescan.isDigit(s.charAt(i + 1)) && Prescan.isDigit(s.charAt(i + 2))
          && (s.charAt(i + 3) == '-' || s.charAt(i + 3) == ' ')) {
        grouped = grouped != null ? grouped : new Anchored(GROUPED, s);
        out = add(grouped, s, out, i);
      } else if (LABELS.at(s, i)) {
        labelled = labelled != null ? labelled : new Anchored(LABELLED, s);
        out = add(labelled, s, out, i);
      }
    }
    return out;
  }

  private static List<Found> add(Anchored pattern, String s, List<Found> out, int at) {
    if (pattern.matchesAt(at)) {
      String digits = PhoneDetector.digitsOf(s, pattern.start(1), pattern.end(1));
      if (issuable(digits)) {
        out = Found.add(out, RedactionKind.SSN, pattern.start(1), pattern.end(1), digits);
      }
    }
    return out;
  }

  static boolean issuable(String digits) {
    String area = digits.substring(0, 3);
    return !area.equals("000")
        && !area.equals("666")
        && area.charAt(0) != '9'
        && !digits.startsWith("00", 3)
        && !digits.startsWith("0000", 5);
  }
}
