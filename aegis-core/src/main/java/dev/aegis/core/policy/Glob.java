package dev.aegis.core.policy;

/**
 * Shell-style globs for agent ids and task types: {@code *} is any run of characters, {@code ?} one character,
 * everything else stands for itself. Matching is linear with backtracking to the last star, so no input is slow.
 */
public final class Glob {
  private Glob() {}

  /** Whether the text contains a wildcard. */
  public static boolean isGlob(String text) {
    return text.indexOf('*') >= 0 || text.indexOf('?') >= 0;
  }

  /** The part before the first wildcard: every match starts with it. */
  public static String literalPrefix(String glob) {
    for (int i = 0; i < glob.length(); i++) {
      char c = glob.charAt(i);
      if (c == '*' || c == '?') {
        return glob.substring(0, i);
      }
    }
    return glob;
  }

  /** Why the glob is not usable, or null when it is. */
  public static String problem(String glob) {
    if (glob.isEmpty()) {
      return "is empty";
    }
    if (glob.length() > 200) {
      return "is longer than 200 characters";
    }
    for (int i = 0; i < glob.length(); i++) {
      char c = glob.charAt(i);
      if (Character.isWhitespace(c) || Character.isISOControl(c)) {
        return "contains whitespace or a control character at " + i;
      }
      if (c == '[' || c == ']' || c == '{' || c == '}' || c == '\\') {
        return "uses '" + c + "'; only * and ? are wildcards";
      }
      if (c == '*' && i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
        return "has '**'; one * already matches any run of characters";
      }
    }
    return null;
  }

  /** Whether the text matches the glob (an exact id is a glob without wildcards). */
  public static boolean matches(String glob, String text) {
    if (text == null) {
      return false;
    }
    int g = 0;
    int t = 0;
    int star = -1;
    int mark = 0;
    while (t < text.length()) {
      if (g < glob.length() && (glob.charAt(g) == '?' || glob.charAt(g) == text.charAt(t))) {
        g++;
        t++;
      } else if (g < glob.length() && glob.charAt(g) == '*') {
        star = g++;
        mark = t;
      } else if (star >= 0) {
        g = star + 1;
        t = ++mark;
      } else {
        return false;
      }
    }
    while (g < glob.length() && glob.charAt(g) == '*') {
      g++;
    }
    return g == glob.length();
  }
}
