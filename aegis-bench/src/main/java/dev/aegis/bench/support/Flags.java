package dev.aegis.bench.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The command line of a load driver: {@code --name value} or {@code --name=value}, some of them repeatable. Unknown
 * flags stop the driver with a message naming them, so a typo never silently runs the wrong benchmark.
 */
public final class Flags {
  private final Map<String, List<String>> values = new LinkedHashMap<>();

  private Flags() {}

  /**
   * @param known every flag name the driver understands, without the leading dashes
   * @throws IllegalArgumentException naming the first unknown or valueless flag
   */
  public static Flags parse(String[] args, Set<String> known) {
    Flags flags = new Flags();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (!arg.startsWith("--")) {
        throw new IllegalArgumentException("unexpected argument '" + arg + "'; flags look like --name value");
      }
      String name = arg.substring(2);
      String value;
      int eq = name.indexOf('=');
      if (eq >= 0) {
        value = name.substring(eq + 1);
        name = name.substring(0, eq);
      } else if (i + 1 < args.length) {
        value = args[++i];
      } else {
        throw new IllegalArgumentException("--" + name + " needs a value");
      }
      if (!known.contains(name)) {
        throw new IllegalArgumentException("unknown flag --" + name + "; known: --" + String.join(", --", known));
      }
      flags.values.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
    }
    return flags;
  }

  public List<String> all(String name) {
    return values.getOrDefault(name, List.of());
  }

  public String string(String name, String fallback) {
    List<String> given = all(name);
    return given.isEmpty() ? fallback : given.getLast();
  }

  public int integer(String name, int fallback) {
    String raw = string(name, null);
    try {
      return raw == null ? fallback : Integer.parseInt(raw.replace("_", ""));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--" + name + " must be a whole number, not '" + raw + "'");
    }
  }

  public boolean bool(String name, boolean fallback) {
    String raw = string(name, null);
    if (raw == null) {
      return fallback;
    }
    return switch (raw.toLowerCase(Locale.ROOT)) {
      case "on", "true", "yes", "1" -> true;
      case "off", "false", "no", "0" -> false;
      default -> throw new IllegalArgumentException("--" + name + " is on or off, not '" + raw + "'");
    };
  }

  /** A duration such as {@code 10s}, {@code 500ms}, {@code 2m}, or a plain number of seconds. */
  public Duration duration(String name, Duration fallback) {
    String raw = string(name, null);
    if (raw == null) {
      return fallback;
    }
    return parseDuration("--" + name, raw);
  }

  public static Duration parseDuration(String what, String raw) {
    String text = raw.strip().toLowerCase(Locale.ROOT);
    try {
      if (text.endsWith("ms")) {
        return Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)));
      }
      if (text.endsWith("s")) {
        return Duration.ofMillis(Math.round(Double.parseDouble(text.substring(0, text.length() - 1)) * 1000));
      }
      if (text.endsWith("m")) {
        return Duration.ofSeconds(Long.parseLong(text.substring(0, text.length() - 1)) * 60);
      }
      return Duration.ofMillis(Math.round(Double.parseDouble(text) * 1000));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(what + " must be a duration such as 10s or 500ms, not '" + raw + "'");
    }
  }

  /**
   * Values of a repeatable flag given as {@code NAME=VALUE}; a value without a name belongs to {@code soleName}
   * (the driver's only target), else it is an error.
   */
  public Map<String, String> named(String flag, String soleName) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String raw : all(flag)) {
      int eq = raw.indexOf('=');
      boolean hasName = eq > 0 && !raw.substring(0, eq).contains(":") && !raw.substring(0, eq).contains("/");
      if (hasName) {
        out.put(raw.substring(0, eq), raw.substring(eq + 1));
      } else if (soleName != null) {
        out.put(soleName, raw);
      } else {
        throw new IllegalArgumentException("--" + flag + " '" + raw + "' needs a target name: NAME=VALUE");
      }
    }
    return out;
  }
}
