package dev.aegis.core.redact;

import java.util.List;
import java.util.regex.Matcher;
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

  @Override
  public int triggers() {
    return Prescan.SEQ9;
  }

  @Override
  public boolean secret() {
    return false;
  }

  private static final String[] LABELS = {"ssn", "social"};

  @Override
  public List<Found> find(String s, List<Found> out) {
    if (hasGroupedShape(s)) {
      out = scan(GROUPED, s, out);
    }
    if (Words.containsAny(s, LABELS)) {
      out = scan(LABELLED, s, out);
    }
    return out;
  }

  /** Three digits, a dash or space, two digits: the start of {@code 123-45-6789}. */
  private static boolean hasGroupedShape(String s) {
    int n = s.length();
    for (int i = 0; i + 6 <= n; i++) {
      char sep = s.charAt(i + 3);
      if ((sep == '-' || sep == ' ') && Prescan.isDigit(s.charAt(i)) && Prescan.isDigit(s.charAt(i + 1))
          && Prescan.isDigit(s.charAt(i + 2)) && Prescan.isDigit(s.charAt(i + 4))
          && Prescan.isDigit(s.charAt(i + 5))) {
        return true;
      }
    }
    return false;
  }

  private static List<Found> scan(Pattern pattern, String s, List<Found> out) {
    Matcher m = pattern.matcher(s);
    while (m.find()) {
      String digits = PhoneDetector.digitsOf(s, m.start(1), m.end(1));
      if (issuable(digits)) {
        out = Found.add(out, RedactionKind.SSN, m.start(1), m.end(1), digits);
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
