package dev.aegis.cli.runs;

import dev.aegis.client.Run;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/** Short text for durations, token counts and attribute lists in run output. */
public final class RunFormats {
  /** Joins two words that {@link #wrap} must keep on one line, such as an arrow and a status code. */
  public static final char GLUE = '\u00a0';

  private RunFormats() {}

  /** Such as {@code 0.4 ms}, {@code 640 ms}, {@code 1.4 s}, {@code 3m05s}. */
  public static String duration(double millis) {
    if (millis < 10) {
      return String.format(Locale.ROOT, "%.1f ms", millis);
    }
    if (millis < 1_000) {
      return Math.round(millis) + " ms";
    }
    if (millis < 60_000) {
      return String.format(Locale.ROOT, "%.1f s", millis / 1_000);
    }
    long seconds = Math.round(millis / 1_000);
    return (seconds / 60) + "m" + String.format(Locale.ROOT, "%02d", seconds % 60) + "s";
  }

  /** Such as {@code 1,240}. */
  public static String count(long value) {
    return String.format(Locale.ROOT, "%,d", value);
  }

  /** {@code ok} or {@code ERROR}, loud when it failed. */
  public static String status(String status) {
    return "error".equals(status) ? "ERROR" : "ok";
  }

  /** Such as {@code 1,240 in / 180 out}, or empty when a run used no model. */
  public static String tokens(Run run) {
    if (run.inputTokens() == 0 && run.outputTokens() == 0) {
      return "";
    }
    return count(run.inputTokens()) + " in / " + count(run.outputTokens()) + " out";
  }

  /** The text, cut with "..." to at most {@code width} characters. */
  public static String cut(String text, int width) {
    if (text.length() <= width) {
      return text;
    }
    return text.substring(0, Math.max(0, width - 3)) + "...";
  }

  /** The attributes of control events that say the most, first; the rest follow in their own order. */
  private static final List<String> LEADING = List.of("from", "to", "from_model", "to_model", "outcome", "action",
      "policy", "approval_id", "decision_id", "reason");

  /** Attributes as {@code key=value, key=value}: from, to, outcome, action, policy, ids and reason first. */
  public static String attributes(Map<String, Object> attributes) {
    StringJoiner out = new StringJoiner(", ");
    for (String key : LEADING) {
      if (attributes.containsKey(key)) {
        out.add(key + "=" + attributes.get(key));
      }
    }
    attributes.forEach((key, value) -> {
      if (!LEADING.contains(key)) {
        out.add(key + "=" + value);
      }
    });
    return out.toString();
  }

  /**
   * The text in lines of at most {@code width} characters, broken at spaces; the first line after {@code first},
   * the others after {@code rest}. A word longer than a line is cut with "...", as is what follows it on its line.
   */
  public static List<String> wrap(String text, String first, String rest, int width) {
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder(first);
    boolean empty = true;
    for (String word : text.split(" ")) {
      if (word.isEmpty()) {
        continue;
      }
      // a word too long for any line stays where it is, to be cut, rather than leave a line almost empty
      if (!empty && line.length() + 1 + word.length() > width && rest.length() + word.length() <= width) {
        lines.add(line.toString());
        line = new StringBuilder(rest);
        empty = true;
      }
      if (!empty) {
        line.append(' ');
      }
      line.append(word);
      empty = false;
    }
    lines.add(line.toString());
    return lines.stream().map(l -> cut(l.replace(GLUE, ' '), width)).toList();
  }
}
