package dev.aegis.core.redact;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * IP addresses.
 *
 * <p>IPv4: a dotted quad whose four parts are 0-255 is an address, wherever it stands, with or without a port or
 * prefix length. It is a version instead when glued to a letter ({@code v1.2.3.4}), followed by a pre-release or
 * build suffix ({@code 1.2.3.4-beta}, {@code 1.2.3.4+5}), part of a longer dotted run ({@code 1.3.6.1.4.1}), or
 * labelled as one ({@code version: 1.2.3.4}, {@code "ver"="1.0.0.0"}, {@code v=1.2.3.4}). Three-part versions are
 * never addresses.
 *
 * <p>IPv6: eight groups of 1-4 hex digits, or fewer with one {@code ::}, optionally ending in a dotted quad; at
 * least two groups must be written. Times ({@code 10:00:00}), MAC addresses and {@code Foo::bar} are not addresses.
 *
 * <p>The loopback and unspecified addresses ({@code 127.x.x.x}, {@code 0.0.0.0}, {@code ::1}, {@code ::}) and
 * netmasks ({@code 255.255.255.0}, {@code 255.255.255.255}) identify nothing and are kept.
 */
final class IpDetector implements Detector {
  private static final Pattern V4 = Pattern.compile(
      "(?<![\\w.])(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})(?!\\w|\\.\\d|-[A-Za-z]|\\+\\w)");

  @Override
  public int triggers() {
    return Prescan.DOTTED | Prescan.COLONS;
  }

  @Override
  public boolean secret() {
    return false;
  }

  @Override
  public List<Found> find(String s, List<Found> out) {
    if (s.indexOf('.') >= 0) {
      out = findV4(s, out);
    }
    if (s.indexOf(':') >= 0) {
      out = findV6(s, out);
    }
    return out;
  }

  private static List<Found> findV4(String s, List<Found> out) {
    Anchored m = null;
    int n = s.length();
    for (int i = 0; i + 7 <= n; i++) {
      if (!Prescan.isDigit(s.charAt(i)) || i > 0 && Prescan.isDigit(s.charAt(i - 1)) || !dotWithin(s, i)) {
        continue;
      }
      m = m != null ? m : new Anchored(V4, s);
      if (!m.matchesAt(i)) {
        continue;
      }
      int[] octets = new int[4];
      boolean valid = true;
      for (int g = 0; g < 4; g++) {
        octets[g] = Integer.parseInt(m.group(g + 1));
        valid &= octets[g] <= 255;
      }
      if (!valid || isLocalOnly(octets) || labelledAsVersion(s, i)) {
        continue;
      }
      String normalized = octets[0] + "." + octets[1] + "." + octets[2] + "." + octets[3];
      out = Found.add(out, RedactionKind.IP, m.start(0), m.end(0), normalized);
    }
    return out;
  }

  /** A dot after one to three digits from {@code i}. */
  private static boolean dotWithin(String s, int i) {
    int k = i;
    while (k < s.length() && k - i < 4 && Prescan.isDigit(s.charAt(k))) {
      k++;
    }
    return k - i <= 3 && k < s.length() && s.charAt(k) == '.';
  }

  private static boolean isLocalOnly(int[] o) {
    int bits = o[0] << 24 | o[1] << 16 | o[2] << 8 | o[3];
    boolean netmask = o[0] == 255 && (~bits & (~bits + 1)) == 0; // ones, then only zeros
    return o[0] == 127 || bits == 0 || netmask;
  }

  /** {@code version 1.2.3.4}, {@code "ver": "1.2.3.4"}, {@code AssemblyVersion("1.0.0.0")}. */
  private static boolean labelledAsVersion(String s, int start) {
    int k = start;
    int skipped = 0;
    while (k > 0 && skipped < 4 && " \"':=(".indexOf(s.charAt(k - 1)) >= 0) {
      k--;
      skipped++;
    }
    int wordStart = k;
    while (wordStart > 0 && Character.isLetter(s.charAt(wordStart - 1))) {
      wordStart--;
    }
    String word = s.substring(wordStart, k).toLowerCase(Locale.ROOT);
    return word.endsWith("version") || word.equals("ver") || word.equals("v");
  }

  private static List<Found> findV6(String s, List<Found> out) {
    int n = s.length();
    int i = 0;
    while (i < n) {
      if (!isV6Char(s.charAt(i))) {
        i++;
        continue;
      }
      int runStart = i;
      int colons = 0;
      while (i < n && isV6Char(s.charAt(i))) {
        colons += s.charAt(i) == ':' ? 1 : 0;
        i++;
      }
      if (colons >= 2) {
        out = candidateV6(s, runStart, i, out);
      }
    }
    return out;
  }

  private static List<Found> candidateV6(String s, int start, int end, List<Found> out) {
    // a single leading colon belongs to a label ("addr:fe80::1"), a trailing one or dot to the sentence
    if (s.charAt(start) == ':' && start + 1 < end && s.charAt(start + 1) != ':') {
      start++;
    } else if (start > 0 && Prescan.isWord(s.charAt(start - 1))) {
      return out;
    }
    while (end > start
        && (s.charAt(end - 1) == '.' || s.charAt(end - 1) == ':' && end - 2 >= start && s.charAt(end - 2) != ':')) {
      end--;
    }
    if (end < s.length() && Prescan.isWord(s.charAt(end))) {
      return out;
    }
    String normalized = normalizeV6(s.substring(start, end));
    if (normalized != null && !normalized.equals("0:0:0:0:0:0:0:0") && !normalized.equals("0:0:0:0:0:0:0:1")) {
      out = Found.add(out, RedactionKind.IP, start, end, normalized);
    }
    return out;
  }

  /** The eight groups in lower-case hex without leading zeros, or null when this is not an IPv6 address. */
  static String normalizeV6(String text) {
    int[] groups = new int[8];
    int written = 0;
    int gap = -1;
    int i = 0;
    int n = text.length();
    if (text.startsWith("::")) {
      gap = 0;
      i = 2;
    }
    while (i < n) {
      int j = i;
      while (j < n && text.charAt(j) != ':') {
        j++;
      }
      String part = text.substring(i, j);
      if (part.indexOf('.') >= 0) {
        int[] v4 = parseV4(part);
        if (v4 == null || j != n || written > 6) {
          return null;
        }
        groups[written++] = v4[0] << 8 | v4[1];
        groups[written++] = v4[2] << 8 | v4[3];
        break;
      }
      if (part.isEmpty() || part.length() > 4 || written == 8) {
        return null;
      }
      groups[written++] = Integer.parseInt(part, 16);
      if (j == n) {
        break;
      }
      if (j + 1 < n && text.charAt(j + 1) == ':') {
        if (gap >= 0) {
          return null;
        }
        gap = written;
        i = j + 2;
      } else if (j + 1 == n) {
        return null;
      } else {
        i = j + 1;
      }
    }
    if (gap < 0 ? written != 8 : written > 7 || written < 2) {
      return null;
    }
    int[] full = new int[8];
    if (gap < 0) {
      full = groups;
    } else {
      System.arraycopy(groups, 0, full, 0, gap);
      int tail = written - gap;
      System.arraycopy(groups, gap, full, 8 - tail, tail);
    }
    StringBuilder out = new StringBuilder(39);
    for (int g = 0; g < 8; g++) {
      out.append(g == 0 ? "" : ":").append(Integer.toHexString(full[g]));
    }
    return out.toString();
  }

  private static int[] parseV4(String part) {
    String[] pieces = part.split("\\.", -1);
    if (pieces.length != 4) {
      return null;
    }
    int[] octets = new int[4];
    for (int k = 0; k < 4; k++) {
      if (pieces[k].isEmpty() || pieces[k].length() > 3 || !pieces[k].chars().allMatch(Character::isDigit)) {
        return null;
      }
      octets[k] = Integer.parseInt(pieces[k]);
      if (octets[k] > 255) {
        return null;
      }
    }
    return octets;
  }

  private static boolean isV6Char(char c) {
    return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' || c == ':' || c == '.';
  }
}
