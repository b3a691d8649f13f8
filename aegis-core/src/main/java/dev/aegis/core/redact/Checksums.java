package dev.aegis.core.redact;

/** The check-digit rules that separate real card numbers and IBANs from numbers of the same shape. */
final class Checksums {
  private Checksums() {}

  /** The Luhn check over a string of ASCII digits. */
  static boolean luhn(CharSequence digits) {
    int sum = 0;
    boolean doubled = false;
    for (int i = digits.length() - 1; i >= 0; i--) {
      int d = digits.charAt(i) - '0';
      if (doubled) {
        d *= 2;
        if (d > 9) {
          d -= 9;
        }
      }
      sum += d;
      doubled = !doubled;
    }
    return sum % 10 == 0;
  }

  /** ISO 13616 mod-97 over a compact upper-case IBAN: moved first four, letters as 10 to 35, remainder 1. */
  static boolean ibanMod97(CharSequence iban) {
    int n = iban.length();
    if (n < 5) {
      return false;
    }
    int remainder = 0;
    for (int k = 0; k < n; k++) {
      char c = iban.charAt((k + 4) % n);
      if (c >= '0' && c <= '9') {
        remainder = (remainder * 10 + (c - '0')) % 97;
      } else if (c >= 'A' && c <= 'Z') {
        remainder = (remainder * 100 + (c - 'A' + 10)) % 97;
      } else {
        return false;
      }
    }
    return remainder == 1;
  }
}
