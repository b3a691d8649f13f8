package dev.aegis.core.redact;

/** Case-insensitive search for label words, in one pass and without allocating. */
final class Words {
  private Words() {}

  /** Whether any of the lower-case ASCII words occurs in the text, ignoring case. */
  static boolean containsAny(String s, String[] words) {
    int n = s.length();
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      char lower = c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
      for (String word : words) {
        if (word.charAt(0) == lower && s.regionMatches(true, i, word, 0, word.length())) {
          return true;
        }
      }
    }
    return false;
  }
}
