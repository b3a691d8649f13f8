package dev.aegis.core.redact;

/**
 * A small set of lower-case ASCII words found at word starts, ignoring case, in one pass and without allocating; a
 * table of first letters keeps the cost near one array read per character.
 */
final class Words {
  private final String[] words;
  private final boolean[] firsts = new boolean[128];

  Words(String... words) {
    this.words = words.clone();
    for (String word : words) {
      firsts[word.charAt(0)] = true;
      firsts[Character.toUpperCase(word.charAt(0))] = true;
    }
  }

  /** Whether one of the words starts a word somewhere in the text. */
  boolean inText(String s) {
    int n = s.length();
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c < 128 && firsts[c] && at(s, i)) {
        return true;
      }
    }
    return false;
  }

  /** Whether one of the words starts at {@code i}, which starts a word (no letter before it). */
  boolean at(String s, int i) {
    char c = s.charAt(i);
    if (c >= 128 || !firsts[c] || i > 0 && isLetter(s.charAt(i - 1))) {
      return false;
    }
    for (String word : words) {
      if (s.regionMatches(true, i, word, 0, word.length())) {
        return true;
      }
    }
    return false;
  }

  private static boolean isLetter(char c) {
    return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 128 && Character.isLetter(c);
  }
}
