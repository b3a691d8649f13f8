package dev.aegis.cli.runs;

import dev.aegis.client.Run;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/** Short text for durations, token counts and attribute lists in run output. */
public final class RunFormats {
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

  /** Attributes as {@code key=value, key=value}, in their order. */
  public static String attributes(Map<String, Object> attributes) {
    StringJoiner out = new StringJoiner(", ");
    attributes.forEach((key, value) -> out.add(key + "=" + value));
    return out.toString();
  }
}
