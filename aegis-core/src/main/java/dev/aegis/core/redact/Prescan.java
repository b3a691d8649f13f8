package dev.aegis.core.redact;

/**
 * One cheap pass over a text that says which detectors could possibly find something in it, so that most values
 * (ids, names, numbers, timestamps, short prose) never meet a regular expression.
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
  /** Three dots in a row between digits, as in a dotted quad. */
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
  static final Words PHONE_LABELS = new Words("tel", "phone", "mobile", "cell", "fax", "whatsapp");
  /** Letter pairs that can begin a credential word anywhere (pa-ss, pw-d, se-cret, to-ken, ke-y). */
  private static final long[] CREDENTIAL_PAIRS = pairs("pa", "pw", "se", "to", "ke");
  /** Letter pairs that can begin what is only looked for at a word start. */
  private static final long[] WORD_START_PAIRS = pairs(
      "ey", "be", "ba", "sk", "rk", "pk", "AK", "AS", "AB", "AC", "AI", "gh", "gi", "gl", "xo", "ae", "hf", "np");

  private Prescan() {}

  private static final byte OTHER = 0;
  private static final byte DIGIT = 1;
  private static final byte SEPARATOR = 2;
  private static final byte LETTER = 3;
  private static final byte PUNCTUATION = 4;
  private static final byte[] CLASSES = new byte[128];

  static {
    for (char c = 'a'; c <= 'z'; c++) {
      CLASSES[c] = LETTER;
    }
    for (char c = 'A'; c <= 'Z'; c++) {
      CLASSES[c] = LETTER;
    }
    for (char c = '0'; c <= '9'; c++) {
      CLASSES[c] = DIGIT;
    }
    for (char c : " .-/()".toCharArray()) {
      CLASSES[c] = SEPARATOR;
    }
    for (char c : "@%+:=<".toCharArray()) {
      CLASSES[c] = PUNCTUATION;
    }
  }

  static int scan(String s) {
    int n = s.length();
    int flags = 0;
    int seq = 0;
    int maxSeq = 0;
    int seps = 0;
    int dotChain = 0;
    int colons = 0;
    boolean assigns = false;
    boolean inWord = false;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      byte cls = c < 128 ? CLASSES[c] : OTHER;
      if (cls == LETTER) {
        seq = 0;
        seps = 0;
        dotChain = 0;
        char next = i + 1 < n ? s.charAt(i + 1) : 0;
        if (isPair(CREDENTIAL_PAIRS, lower(c), lower(next)) && i + 2 < n
            && isCredentialStart(lower(c), lower(s.charAt(i + 2)))) {
          flags |= credentialWordAt(s, i, lower(c));
        }
        if (!inWord) {
          inWord = true;
          if (isUpper(c) && isUpper(next)) {
            flags |= ibanAt(s, i);
          }
          if (isPair(WORD_START_PAIRS, c, c == 'b' || c == 'B' ? lower(next) : next)) {
            flags |= wordStartAt(s, i, c);
          }
        }
        continue;
      }
      inWord = cls == DIGIT;
      if (cls == DIGIT) {
        seps = 0;
        if (++seq > maxSeq) {
          maxSeq = seq;
        }
        continue;
      }
      if (cls == SEPARATOR) {
        if (++seps > 2) {
          seq = 0;
        }
        if (c == '.') {
          boolean between = i > 0 && isDigit(s.charAt(i - 1)) && i + 1 < n && isDigit(s.charAt(i + 1));
          dotChain = between ? dotChain + 1 : 0;
          flags |= dotChain >= 3 ? DOTTED : 0;
        } else {
          dotChain = 0;
          if (c == '-' && s.startsWith("-----BEGIN", i)) {
            flags |= PEM;
          }
        }
        continue;
      }
      seq = 0;
      seps = 0;
      dotChain = 0;
      switch (c) {
        case '@' -> flags |= AT;
        case '%' -> flags |= s.startsWith("40", i + 1) ? AT : 0;
        case '+' -> flags |= i + 1 < n && isDigit(s.charAt(i + 1)) ? PLUS_DIGIT : 0;
        case ':' -> {
          colons++;
          flags |= i + 1 < n && s.charAt(i + 1) == ':' ? COLONS : 0;
          assigns = true;
        }
        case '=' -> assigns = true;
        case '<' -> flags |= MARKER;
        default -> { }
      }
    }
    if (maxSeq >= 9 || maxSeq >= 7 && PHONE_LABELS.inText(s)) {
      flags |= SEQ7;
    }
    if (maxSeq >= 9) {
      flags |= SEQ9;
    }
    if (maxSeq >= 13) {
      flags |= SEQ13;
    }
    if (colons >= 6) {
      flags |= COLONS;
    }
    if ((flags & SECRET_HINT) != 0) {
      flags = (flags & ~SECRET_HINT) | (assigns ? SECRET_WORD : 0);
    }
    return flags;
  }

  /** Credential words count anywhere in a word: apikey, DB_PASSWORD, accessToken. */
  private static int credentialWordAt(String s, int i, char lower) {
    char next = i + 1 < s.length() ? lower(s.charAt(i + 1)) : 0;
    boolean hit = switch (lower) {
      case 'p' -> next == 'a' && s.regionMatches(true, i, "pass", 0, 4)
          || next == 'w' && s.regionMatches(true, i, "pwd", 0, 3);
      case 's' -> next == 'e' && s.regionMatches(true, i, "secret", 0, 6);
      case 't' -> next == 'o' && s.regionMatches(true, i, "token", 0, 5);
      default -> next == 'e' && s.regionMatches(true, i, "key", 0, 3);
    };
    return hit ? SECRET_HINT : 0;
  }

  /** The third letter of pass, pwd, secret, token, key. */
  private static boolean isCredentialStart(char first, char third) {
    return switch (first) {
      case 'p' -> third == 's' || third == 'd';
      case 's' -> third == 'c';
      case 't' -> third == 'k';
      default -> third == 'y';
    };
  }

  private static int ibanAt(String s, int i) {
    return i + 3 < s.length() && isDigit(s.charAt(i + 2)) && isDigit(s.charAt(i + 3)) ? IBAN : 0;
  }

  private static long[] pairs(String... pairs) {
    long[] bits = new long[128 * 128 / 64];
    for (String pair : pairs) {
      int index = pair.charAt(0) << 7 | pair.charAt(1);
      bits[index >>> 6] |= 1L << index;
      if (pair.charAt(0) >= 'a' && pair.charAt(0) <= 'z' && (pair.startsWith("b") || pair.startsWith("B"))) {
        int upper = Character.toUpperCase(pair.charAt(0)) << 7 | pair.charAt(1);
        bits[upper >>> 6] |= 1L << upper;
      }
    }
    return bits;
  }

  private static boolean isPair(long[] bits, char first, char second) {
    if (first >= 128 || second >= 128) {
      return false;
    }
    int index = first << 7 | second;
    return (bits[index >>> 6] & 1L << index) != 0;
  }

  /** What can only start a word: key prefixes, JWT headers, auth schemes. */
  private static int wordStartAt(String s, int i, char c) {
    int n = s.length();
    char next = i + 1 < n ? s.charAt(i + 1) : 0;
    int flags = 0;
    if (c == 'e' && next == 'y') {
      flags |= s.startsWith("eyJ", i) ? JWT : 0;
    } else if ((c == 'b' || c == 'B') && (lower(next) == 'e' || lower(next) == 'a')) {
      flags |= s.regionMatches(true, i, "bearer", 0, 6) || s.regionMatches(true, i, "basic", 0, 5) ? AUTH_SCHEME : 0;
    }
    return keyPrefixAt(s, i) ? flags | KEY_PREFIX : flags;
  }


  /** Whether a provider's API key prefix starts at {@code i}. */
  static boolean keyPrefixAt(String s, int i) {
    if (i + 3 > s.length()) {
      return false;
    }
    char next = s.charAt(i + 1);
    return switch (s.charAt(i)) {
      case 's' -> next == 'k' && (s.charAt(i + 2) == '-' || s.charAt(i + 2) == '_');
      case 'r', 'p' -> next == 'k' && s.charAt(i + 2) == '_';
      case 'A' -> (next == 'K' || next == 'S' || next == 'B' || next == 'C' || next == 'I')
          && (s.startsWith("AKIA", i) || s.startsWith("ASIA", i) || s.startsWith("ABIA", i)
              || s.startsWith("ACCA", i) || s.startsWith("AIza", i));
      case 'g' -> next == 'h' && s.charAt(i + 3 < s.length() ? i + 3 : i) == '_'
          || next == 'i' && s.startsWith("github_pat_", i) || next == 'l' && s.startsWith("glpat-", i);
      case 'x' -> next == 'o' && s.charAt(i + 2) == 'x';
      case 'a' -> next == 'e' && s.startsWith("aegis_", i);
      case 'h' -> next == 'f' && s.charAt(i + 2) == '_';
      case 'n' -> next == 'p' && s.startsWith("npm_", i);
      default -> false;
    };
  }


  static char lower(char c) {
    return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
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
