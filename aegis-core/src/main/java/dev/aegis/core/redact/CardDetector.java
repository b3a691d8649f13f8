package dev.aegis.core.redact;

import java.util.Arrays;
import java.util.List;

/**
 * Payment card numbers: 13 to 19 digits, either unbroken or in groups split by one kind of separator (space or
 * dash) with a first group of 4 and later groups of 3 to 6 ({@code 4111 1111 1111 1111}, {@code 3782-822463-10005}).
 * The number must pass the Luhn check and start with a known issuer prefix for its length (Visa, Mastercard, Amex,
 * Discover, JCB, Diners, UnionPay, Maestro, Mir). Epoch values and ids starting with 1, 7, 8, 9 or 0 are therefore
 * never cards.
 */
final class CardDetector implements Detector {
  private static final int MIN_DIGITS = 13;
  private static final int MAX_DIGITS = 19;

  @Override
  public int triggers() {
    return Prescan.SEQ13;
  }

  @Override
  public boolean secret() {
    return false;
  }

  @Override
  public List<Found> find(String s, List<Found> out) {
    int n = s.length();
    int[] starts = new int[8];
    int[] ends = new int[8];
    int i = 0;
    while (i < n) {
      if (!Prescan.isDigit(s.charAt(i))) {
        i++;
        continue;
      }
      // a sequence: digit groups joined by a single space or dash
      int groups = 0;
      int j = i;
      while (true) {
        int k = j;
        while (k < n && Prescan.isDigit(s.charAt(k))) {
          k++;
        }
        if (groups == starts.length) {
          starts = Arrays.copyOf(starts, groups * 2);
          ends = Arrays.copyOf(ends, groups * 2);
        }
        starts[groups] = j;
        ends[groups] = k;
        groups++;
        if (k + 1 < n && (s.charAt(k) == ' ' || s.charAt(k) == '-') && Prescan.isDigit(s.charAt(k + 1))) {
          j = k + 1;
        } else {
          break;
        }
      }
      out = windows(s, starts, ends, groups, out);
      i = ends[groups - 1];
    }
    return out;
  }

  private static List<Found> windows(String s, int[] starts, int[] ends, int groups, List<Found> out) {
    for (int a = 0; a < groups; a++) {
      if (a == 0 && !startBoundary(s, starts[0])) {
        continue;
      }
      for (int b = Math.min(groups - 1, a + 5); b >= a; b--) {
        if (b == groups - 1 && !endBoundary(s, ends[b])) {
          continue;
        }
        String digits = windowDigits(s, starts, ends, a, b);
        if (digits != null && issuerAccepts(digits) && Checksums.luhn(digits)) {
          out = Found.add(out, RedactionKind.CARD, starts[a], ends[b], digits);
          a = b;
          break;
        }
      }
    }
    return out;
  }

  /** The digits of groups a..b when they are shaped like a card number, else null. */
  private static String windowDigits(String s, int[] starts, int[] ends, int a, int b) {
    int total = 0;
    for (int g = a; g <= b; g++) {
      total += ends[g] - starts[g];
    }
    if (total < MIN_DIGITS || total > MAX_DIGITS) {
      return null;
    }
    if (a < b) {
      char separator = s.charAt(ends[a]);
      if (ends[a] - starts[a] != 4) {
        return null;
      }
      for (int g = a + 1; g <= b; g++) {
        int length = ends[g] - starts[g];
        if (length < 3 || length > 6 || s.charAt(starts[g] - 1) != separator) {
          return null;
        }
      }
    }
    StringBuilder digits = new StringBuilder(total);
    for (int g = a; g <= b; g++) {
      digits.append(s, starts[g], ends[g]);
    }
    return digits.toString();
  }

  /** Not glued to a word, a decimal point or a {@code +} (an international phone number). */
  private static boolean startBoundary(String s, int start) {
    if (start == 0) {
      return true;
    }
    char before = s.charAt(start - 1);
    return !Prescan.isWord(before) && before != '.' && before != '+';
  }

  /** Not glued to a word or followed by decimals. */
  private static boolean endBoundary(String s, int end) {
    if (end == s.length()) {
      return true;
    }
    char after = s.charAt(end);
    return !Prescan.isWord(after) && !(after == '.' && end + 1 < s.length() && Prescan.isDigit(s.charAt(end + 1)));
  }

  /** Whether an issuer uses this prefix for numbers of this length. */
  static boolean issuerAccepts(String digits) {
    int length = digits.length();
    int two = Integer.parseInt(digits, 0, 2, 10);
    int three = Integer.parseInt(digits, 0, 3, 10);
    int four = Integer.parseInt(digits, 0, 4, 10);
    return switch (digits.charAt(0)) {
      case '4' -> length == 13 || length == 16 || length == 19; // Visa
      case '5' -> two >= 51 && two <= 55 ? length == 16 : length >= 13; // Mastercard; Maestro 50, 56-59
      case '2' -> four >= 2221 && four <= 2720 ? length == 16 // Mastercard 2-series
          : four >= 2200 && four <= 2204 && length >= 16; // Mir
      case '3' -> {
        if (two == 34 || two == 37) {
          yield length == 15; // Amex
        }
        if (four >= 3528 && four <= 3589) {
          yield length >= 16; // JCB
        }
        yield (two == 36 || two == 38 || two == 39 || three >= 300 && three <= 305 || four == 3095)
            && length >= 14; // Diners
      }
      case '6' -> true; // Discover, UnionPay, Maestro, RuPay
      default -> false;
    };
  }
}
