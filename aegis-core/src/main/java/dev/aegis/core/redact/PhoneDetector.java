package dev.aegis.core.redact;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Phone numbers, in four shapes only, so that timestamps, prices, ids, versions, epoch values, ports and plain long
 * numbers are left alone:
 *
 * <ol>
 *   <li>international: {@code +} then 8 to 15 digits, with single spaces, dots, dashes or a parenthesised group;
 *   <li>North American: {@code (415) 555-0100}, {@code 415-555-0100}, {@code 415.555.0100}, {@code 415 555 0100},
 *       optionally after {@code 1-}; area code and exchange start with 2-9, one separator throughout;
 *   <li>national with a trunk 0 (not 00, the international prefix): {@code 020 7946 0958}, {@code 030/12345678},
 *       {@code (030) 1234567}, {@code 01 23 45 67 89}: at least two groups, one separator throughout, 9 to 12 digits;
 *   <li>any 7 to 15 digits right after a label: {@code tel:}, {@code phone=}, {@code "mobile": "..."},
 *       {@code fax}, {@code cell}, {@code phone_number}.
 * </ol>
 *
 * A bare run of digits without a {@code +}, separators or a label is never a phone number.
 */
final class PhoneDetector implements Detector {
  private static final Pattern INTERNATIONAL = Pattern.compile(
      "(?<![\\w+])\\+[1-9](?:[ .\\-]?(?:\\(\\d{1,4}\\)[ .\\-]?)?\\d){6,16}(?!\\w|[.\\-]?\\d)");
  private static final Pattern NORTH_AMERICAN = Pattern.compile(
      "(?<![\\w+.\\-])(?<!\\d[ /])(?:1[ .\\-])?"
          + "(?:\\([2-9]\\d\\d\\) ?[2-9]\\d\\d[ .\\-]\\d{4}|[2-9]\\d\\d([ .\\-])[2-9]\\d\\d\\1\\d{4})"
          + "(?!\\w|[.\\-]\\d)");
  private static final Pattern TRUNK = Pattern.compile(
      "(?<![\\w+.:/\\-])(?<!\\d[ ()])"
          + "(?:0[1-9]\\d{0,3}([ ./\\-])\\d{2,8}(?:\\1\\d{2,8}){0,4}"
          + "|\\(0[1-9]\\d{0,3}\\) ?\\d{2,8}(?:[ \\-]\\d{2,8}){0,3})"
          + "(?!\\w|[ ./\\-]\\d)");
  private static final Pattern LABELLED = Pattern.compile(
      "(?i)(?<![a-z])(?:tel|telephone|phone|mobile|cell|cellphone|fax|whatsapp)"
          + "(?:[ _.\\-]?(?:number|num|no|nr))?(?![a-z])[\"']?\\s{0,3}[:=#.]?\\s{0,3}[\"']?"
          + "(\\+?\\d(?:[ ().\\-]{0,2}\\d){6,16})(?!\\w|[.\\-]?\\d)");

  @Override
  public int triggers() {
    return Prescan.SEQ7 | Prescan.PLUS_DIGIT;
  }

  @Override
  public boolean secret() {
    return false;
  }

  @Override
  public List<Found> find(String s, List<Found> out) {
    int n = s.length();
    Anchored international = null;
    for (int i = s.indexOf('+'); i >= 0 && i + 1 < n; i = s.indexOf('+', i + 1)) {
      if (Prescan.isDigit(s.charAt(i + 1))) {
        international = international != null ? international : new Anchored(INTERNATIONAL, s);
        out = add(international, 0, 8, 16, s, out, i);
      }
    }
    out = national(s, out);
    Anchored labelled = null;
    for (int i = 0; i < n; i++) {
      if (Prescan.PHONE_LABELS.at(s, i)) {
        labelled = labelled != null ? labelled : new Anchored(LABELLED, s);
        out = add(labelled, 1, 7, 15, s, out, i);
      }
    }
    return out;
  }

  private static List<Found> add(
      Anchored pattern, int group, int minDigits, int maxDigits, String s, List<Found> out, int at) {
    if (!pattern.matchesAt(at)) {
      return out;
    }
    int start = pattern.start(group);
    int end = pattern.end(group);
    String digits = digitsOf(s, start, end);
    if (digits.length() >= minDigits && digits.length() <= maxDigits) {
      out = Found.add(out, RedactionKind.PHONE, start, end, digits);
    }
    return out;
  }

  /**
   * Walks chains of digit runs joined by one or two of {@code space . - / ( )}, and tries the North American
   * expression only at a run that can start such a number (3 digits from 2, or a lone 1, with 10 or 11 digits to
   * the chain's end) and the trunk-0 one only at a run of 0 and 1-4 digits with 9 digits to the end; so dates,
   * versions and ids cost no matcher at all.
   */
  private static List<Found> national(String s, List<Found> out) {
    int n = s.length();
    Anchored nanp = null;
    Anchored trunk = null;
    int i = 0;
    while (i < n) {
      if (!Prescan.isDigit(s.charAt(i))) {
        i++;
        continue;
      }
      int total = 0;
      int end;
      int j = i;
      while (true) {
        int k = j;
        while (k < n && Prescan.isDigit(s.charAt(k))) {
          k++;
        }
        total += k - j;
        end = k;
        int next = k;
        while (next < n && next - k < 2 && isSeparator(s.charAt(next))) {
          next++;
        }
        if (next > k && next < n && Prescan.isDigit(s.charAt(next))) {
          j = next;
        } else {
          break;
        }
      }
      int consumed = 0;
      j = i;
      while (total >= 9 && j < end) {
        int k = j;
        while (k < end && Prescan.isDigit(s.charAt(k))) {
          k++;
        }
        int length = k - j;
        int remaining = total - consumed;
        char first = s.charAt(j);
        int anchor = j > 0 && s.charAt(j - 1) == '(' ? j - 1 : j;
        if (length == 3 && first >= '2' && remaining >= 10 || length == 1 && first == '1' && remaining == 11) {
          nanp = nanp != null ? nanp : new Anchored(NORTH_AMERICAN, s);
          out = add(nanp, 0, 10, 11, s, out, anchor);
        }
        if (first == '0' && length >= 2 && length <= 5 && remaining >= 9) {
          trunk = trunk != null ? trunk : new Anchored(TRUNK, s);
          out = add(trunk, 0, 9, 12, s, out, anchor);
        }
        consumed += length;
        j = k;
        while (j < end && !Prescan.isDigit(s.charAt(j))) {
          j++;
        }
      }
      i = end;
    }
    return out;
  }

  private static boolean isSeparator(char c) {
    return c == ' ' || c == '.' || c == '-' || c == '/' || c == '(' || c == ')';
  }

  static String digitsOf(String s, int start, int end) {
    StringBuilder digits = new StringBuilder(end - start);
    for (int i = start; i < end; i++) {
      char c = s.charAt(i);
      if (c >= '0' && c <= '9') {
        digits.append(c);
      }
    }
    return digits.toString();
  }
}
