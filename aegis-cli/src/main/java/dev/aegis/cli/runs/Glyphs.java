package dev.aegis.cli.runs;

import java.util.Locale;
import java.util.Map;

/**
 * The characters trees are drawn with: box drawing where the terminal speaks UTF-8, plain ASCII elsewhere (or with
 * {@code --ascii}), so that a tree never turns into question marks.
 */
public record Glyphs(String branch, String last, String pipe, String space, String error, String arrow,
    String event) {
  public static final Glyphs UNICODE = new Glyphs("├─ ", "└─ ", "│  ", "   ", "✗ ", "→", "» ");
  public static final Glyphs ASCII = new Glyphs("|- ", "`- ", "|  ", "   ", "X ", "->", "> ");

  /** Box drawing when the locale (LC_ALL, else LC_CTYPE, else LANG) is UTF-8 and ASCII was not asked for. */
  public static Glyphs forTerminal(Map<String, String> env, boolean asciiAsked) {
    if (asciiAsked) {
      return ASCII;
    }
    String locale = firstSet(env, "LC_ALL", "LC_CTYPE", "LANG");
    String normalized = locale == null ? "" : locale.toLowerCase(Locale.ROOT).replace("-", "");
    return normalized.contains("utf8") ? UNICODE : ASCII;
  }

  private static String firstSet(Map<String, String> env, String... names) {
    for (String name : names) {
      String value = env.get(name);
      if (value != null && !value.isBlank()) {
        return value;
      }
    }
    return null;
  }
}
