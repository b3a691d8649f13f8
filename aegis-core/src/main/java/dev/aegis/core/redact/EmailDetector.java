package dev.aegis.core.redact;

import java.util.List;
import java.util.Locale;

/**
 * Email addresses, also with the {@code @} percent-encoded as {@code %40} (query strings). Scanned outward from
 * each {@code @}, so the cost is linear in the text whatever it holds.
 *
 * <p>Local part: {@code A-Z a-z 0-9 . _ % + -}. Domain: at least two dot-separated labels of letters, digits and
 * hyphens, ending in a letters-only top-level label of 2 to 24 (or an {@code xn--} label). Not caught: package
 * pins such as {@code lodash@4.17.21} (numeric last label), {@code icon@2x.png}, {@code user@localhost}, and git
 * remotes ({@code git@github.com:org/repo.git}).
 */
final class EmailDetector implements Detector {
  @Override
  public int triggers() {
    return Prescan.AT;
  }

  @Override
  public boolean secret() {
    return false;
  }

  @Override
  public List<Found> find(String s, List<Found> out) {
    int n = s.length();
    int floor = 0;
    for (int i = 0; i < n; i++) {
      int atLength;
      char c = s.charAt(i);
      if (c == '@') {
        atLength = 1;
      } else if (c == '%' && s.startsWith("40", i + 1)) {
        atLength = 3;
      } else {
        continue;
      }
      int start = i;
      while (start > floor && isLocal(s.charAt(start - 1))) {
        start--;
      }
      while (start < i && s.charAt(start) == '.') {
        start++;
      }
      int domainStart = i + atLength;
      int end = domainEnd(s, domainStart);
      floor = i + atLength;
      if (start == i || end < 0 || i - 1 >= 0 && s.charAt(i - 1) == '.') {
        continue;
      }
      String domain = s.substring(domainStart, end);
      if (isRetinaAsset(domain) || isGitRemote(s, start, i, end)) {
        continue;
      }
      String normalized = (s.substring(start, i) + "@" + domain).toLowerCase(Locale.ROOT);
      out = Found.add(out, RedactionKind.EMAIL, start, end, normalized);
      floor = end;
      i = end - 1;
    }
    return out;
  }

  /** The end of a valid domain starting at {@code from}, or -1. */
  private static int domainEnd(String s, int from) {
    int n = s.length();
    int labels = 0;
    int i = from;
    int lastLabelStart = -1;
    int end = -1;
    while (i < n) {
      int labelStart = i;
      while (i < n && (Prescan.isAlnum(s.charAt(i)) || s.charAt(i) == '-')) {
        i++;
      }
      int labelLength = i - labelStart;
      if (labelLength == 0 || labelLength > 63 || s.charAt(labelStart) == '-' || s.charAt(i - 1) == '-') {
        break;
      }
      labels++;
      lastLabelStart = labelStart;
      if (labels >= 2 && isTopLevel(s, labelStart, i)) {
        end = i;
      }
      if (i + 1 < n && s.charAt(i) == '.' && Prescan.isAlnum(s.charAt(i + 1))) {
        i++;
      } else {
        break;
      }
    }
    // a label glued to more word characters (an underscore) is not the end of a domain
    if (end >= 0 && end < n && s.charAt(end) == '_' && lastLabelStart >= 0) {
      return -1;
    }
    return end;
  }

  private static boolean isTopLevel(String s, int from, int to) {
    int length = to - from;
    if (length >= 4 && s.regionMatches(true, from, "xn--", 0, 4)) {
      return true;
    }
    if (length < 2 || length > 24) {
      return false;
    }
    for (int k = from; k < to; k++) {
      char c = s.charAt(k);
      if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z')) {
        return false;
      }
    }
    return true;
  }

  private static boolean isLocal(char c) {
    return Prescan.isAlnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
  }

  /** {@code git@github.com:org/repo.git}: the shared SSH user of a git host, not a person. */
  private static boolean isGitRemote(String s, int start, int at, int end) {
    return at - start == 3 && s.startsWith("git", start) && end < s.length() && s.charAt(end) == ':';
  }

  /** {@code icon@2x.png}: a scale suffix on an image name, not a mailbox. */
  private static boolean isRetinaAsset(String domain) {
    int k = 0;
    while (k < domain.length() && Prescan.isDigit(domain.charAt(k))) {
      k++;
    }
    return k > 0 && k + 1 < domain.length() && domain.charAt(k) == 'x' && domain.charAt(k + 1) == '.';
  }
}
