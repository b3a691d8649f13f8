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

  @Override
  public void find(String s, List<Found> out) {
    scan(GROUPED, s, out);
    scan(LABELLED, s, out);
  }

  private static void scan(Pattern pattern, String s, List<Found> out) {
    Matcher m = pattern.matcher(s);
    while (m.find()) {
      String digits = PhoneDetector.digitsOf(s, m.start(1), m.end(1));
      if (issuable(digits)) {
        out.add(new Found(m.start(1), m.end(1), RedactionKind.SSN.name(), RedactionKind.SSN.priority(), digits));
      }
    }
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
