package dev.aegis.core.redact;

/**
 * One cheap pass over a text that says which detectors could possibly find something in it, so that most values
 * (ids, names, numbers, short prose) never meet a regular expression.
 */
final class Prescan {
  static final int AT = 1;
  static final int PLUS_DIGIT = 1 << 1;
  /**
   * A run of at least 9 digits, allowing up to two separators ({@code space . - / ( )}) between digits, or of 7
   * after a phone label ({@code tel}, {@code phone}, ...); dates and times have fewer.
   */
  static final int SEQ7 = 1 << 2;
  static final int SEQ9 = 1 << 3;
  static final int SEQ13 = 1 << 4;
  /** At least three dots and four digits. */
  static final int DOTTED = 1 << 5;
  /** A {@code ::} or at least six colons: what an IPv6 address needs, and a time of day does not have. */
  static final int COLONS = 1 << 6;
  /** Two capital letters and two digits at the start of a word. */
  static final int IBAN = 1 << 7;
  static final int JWT = 1 << 8;
  static final int AUTH_SCHEME = 1 << 9;
  static final int KEY_PREFIX = 1 << 10;
  static final int PEM = 1 << 11;
  /** A credential word (pass, pwd, secret, token, key) and a {@code :} or {@code =} somewhere. */
  static final int SECRET_WORD = 1 << 12;
  static final int MARKER = 1 << 13;
  private static final int SECRET_HINT = 1 << 30;
  static final String[] PHONE_LABELS = {"tel", "phone", "mobile", "cell", "fax", "whatsapp"};

  private Prescan() {}

  static int scan(String s) {
    int n = s.length();
    int flags = 0;
    int digits = 0;
    int seq = 0;
    int maxSeq = 0;
    int seps = 0;
    int dots = 0;
    int colons = 0;
    boolean doubleColon = false;
    boolean assigns = false;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c >= '0' && c <= '9') {
        digits++;
        seps = 0;
        if (++seq > maxSeq) {
          maxSeq = seq;
        }
        continue;
      }
      if (c == ' ' || c == '-' || c == '.' || c == '/' || c == '(' || c == ')') {
        if (++seps > 2) {
          seq = 0;
        }
      } else {
        seq = 0;
        seps = 0;
      }
      if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
        flags |= letter(s, i, c);
        continue;
      }
      switch (c) {
        case '@' -> flags |= AT;
        case '%' -> flags |= s.startsWith("40", i + 1) ? AT : 0;
        case '+' -> flags |= i + 1 < n && isDigit(s.charAt(i + 1)) ? PLUS_DIGIT : 0;
        case '.' -> dots++;
        case ':' -> {
          colons++;
          doubleColon |= i + 1 < n && s.charAt(i + 1) == ':';
          assigns = true;
        }
        case '=' -> assigns = true;
        case '<' -> flags |= MARKER;
        case '-' -> flags |= s.startsWith("-----BEGIN", i) ? PEM : 0;
        default -> { }
      }
    }
    if (maxSeq >= 9 || maxSeq >= 7 && Words.containsAny(s, PHONE_LABELS)) {
      flags |= SEQ7;
    }
    if (maxSeq >= 9) {
      flags |= SEQ9;
    }
    if (maxSeq >= 13) {
      flags |= SEQ13;
    }
    if (dots >= 3 && digits >= 4) {
      flags |= DOTTED;
    }
    if (doubleColon || colons >= 6) {
      flags |= COLONS;
    }
    if ((flags & SECRET_HINT) != 0) {
      flags = (flags & ~SECRET_HINT) | (assigns ? SECRET_WORD : 0);
    }
    return flags;
  }

  private static int letter(String s, int i, char c) {
    int flags = switch (c) {
      // credential words count anywhere: apikey, DB_PASSWORD, accesstoken
      case 'p', 'P' -> s.regionMatches(true, i, "pass", 0, 4) || s.regionMatches(true, i, "pwd", 0, 3)
          ? SECRET_HINT : 0;
      case 's', 'S' -> s.regionMatches(true, i, "secret", 0, 6) ? SECRET_HINT : 0;
      case 't', 'T' -> s.regionMatches(true, i, "token", 0, 5) ? SECRET_HINT : 0;
      case 'k', 'K' -> s.regionMatches(true, i, "key", 0, 3) ? SECRET_HINT : 0;
      default -> 0;
    };
    if (i > 0 && isAlnum(s.charAt(i - 1))) {
      return flags; // every prefix the detectors look for starts a word
    }
    if (c >= 'A' && c <= 'Z' && i + 3 < s.length() && isUpper(s.charAt(i + 1)) && isDigit(s.charAt(i + 2))
        && isDigit(s.charAt(i + 3))) {
      flags |= IBAN;
    }
    flags |= switch (c) {
      case 'e' -> s.startsWith("eyJ", i) ? JWT : 0;
      case 'b', 'B' -> s.regionMatches(true, i, "bearer", 0, 6) || s.regionMatches(true, i, "basic", 0, 5)
          ? AUTH_SCHEME : 0;
      case 's' -> s.startsWith("sk-", i) || s.startsWith("sk_", i) ? KEY_PREFIX : 0;
      case 'r' -> s.startsWith("rk_", i) ? KEY_PREFIX : 0;
      case 'p' -> s.startsWith("pk_", i) ? KEY_PREFIX : 0;
      case 'A' -> s.startsWith("AKIA", i) || s.startsWith("ASIA", i) || s.startsWith("ABIA", i)
          || s.startsWith("ACCA", i) || s.startsWith("AIza", i) ? KEY_PREFIX : 0;
      case 'g' -> s.startsWith("gh", i) && i + 3 < s.length() && s.charAt(i + 3) == '_'
          || s.startsWith("github_pat_", i) || s.startsWith("glpat-", i) ? KEY_PREFIX : 0;
      case 'x' -> s.startsWith("xox", i) ? KEY_PREFIX : 0;
      case 'a' -> s.startsWith("aegis_", i) ? KEY_PREFIX : 0;
      case 'h' -> s.startsWith("hf_", i) ? KEY_PREFIX : 0;
      case 'n' -> s.startsWith("npm_", i) ? KEY_PREFIX : 0;
      default -> 0;
    };
    return flags;
  }

  static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  static boolean isUpper(char c) {
    return c >= 'A' && c <= 'Z';
  }

  static boolean isAlnum(char c) {
    return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
  }

  /** Letters, digits and underscore: the characters that glue a value to its neighbour. */
  static boolean isWord(char c) {
    return isAlnum(c) || c == '_';
  }
}
