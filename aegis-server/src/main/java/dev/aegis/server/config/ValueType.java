package dev.aegis.server.config;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The kinds of configuration value, each with its parser and the words that say what a valid value looks like. */
public enum ValueType {
  HOST("a host name or IP address to listen on, such as 127.0.0.1 or 0.0.0.0") {
    @Override
    Object parse(String raw) {
      if (raw.isBlank() || raw.chars().anyMatch(Character::isWhitespace)) {
        throw invalid();
      }
      return raw;
    }
  },
  PORT("a whole number from 0 to 65535 (0 picks a free port)") {
    @Override
    Object parse(String raw) {
      long value = parseLong(raw);
      if (value < 0 || value > 65535) {
        throw invalid();
      }
      return (int) value;
    }
  },
  DURATION("a duration such as 500ms, 30s, 5m or 1h") {
    @Override
    Object parse(String raw) {
      return parseDuration(raw);
    }
  },
  PATH("a file system path") {
    @Override
    Object parse(String raw) {
      try {
        return Path.of(raw);
      } catch (InvalidPathException e) {
        throw invalid();
      }
    }
  },
  JDBC_URL("a jdbc:postgresql: or jdbc:sqlite: URL, or empty for SQLite in data.dir") {
    @Override
    Object parse(String raw) {
      if (!raw.startsWith("jdbc:postgresql:") && !raw.startsWith("jdbc:sqlite:")) {
        throw invalid();
      }
      return raw;
    }
  },
  TEXT("any text") {
    @Override
    Object parse(String raw) {
      return raw;
    }
  },
  ADMIN_KEY("at least 16 characters without spaces, or empty to generate one") {
    @Override
    Object parse(String raw) {
      if (raw.length() < 16 || raw.chars().anyMatch(Character::isWhitespace)) {
        throw invalid();
      }
      return raw;
    }
  },
  POSITIVE_INT("a whole number from 1 to 10000") {
    @Override
    Object parse(String raw) {
      long value = parseLong(raw);
      if (value < 1 || value > 10_000) {
        throw invalid();
      }
      return (int) value;
    }
  },
  COUNT("a whole number from 1 to 100000000") {
    @Override
    Object parse(String raw) {
      long value = parseLong(raw);
      if (value < 1 || value > 100_000_000) {
        throw invalid();
      }
      return (int) value;
    }
  },
  BYTES("a whole number of bytes greater than 0, such as 4194304") {
    @Override
    Object parse(String raw) {
      long value = parseLong(raw);
      if (value < 1) {
        throw invalid();
      }
      return value;
    }
  },
  FRACTION("a number from 0 to 1, such as 0.1") {
    @Override
    Object parse(String raw) {
      double value;
      try {
        value = Double.parseDouble(raw.strip());
      } catch (NumberFormatException e) {
        throw invalid();
      }
      if (!(value >= 0 && value <= 1)) {
        throw invalid();
      }
      return value;
    }
  },
  BOOLEAN("true or false") {
    @Override
    Object parse(String raw) {
      return switch (raw.strip().toLowerCase(Locale.ROOT)) {
        case "true" -> Boolean.TRUE;
        case "false" -> Boolean.FALSE;
        default -> throw invalid();
      };
    }
  },
  POSITIVE_DURATION("a duration greater than zero, such as 500ms, 30s, 5m or 1h") {
    @Override
    Object parse(String raw) {
      Duration duration = parseDuration(raw);
      if (duration.isZero()) {
        throw invalid();
      }
      return duration;
    }
  },
  BUDGET_WINDOW("a duration from 1m to 24h in whole seconds, minutes or hours, such as 90s, 15m or 1h") {
    @Override
    Object parse(String raw) {
      return dev.aegis.core.taskbudget.TaskBudget.parseWindow(raw.strip())
          .filter(dev.aegis.core.taskbudget.TaskBudget::isValidWindow)
          .orElseThrow(this::invalid);
    }
  },
  MASTER_KEY("base64 of 32 random bytes (such as the output of: openssl rand -base64 32), or empty to generate one") {
    @Override
    Object parse(String raw) {
      try {
        if (java.util.Base64.getDecoder().decode(raw.strip()).length == 32) {
          return raw.strip();
        }
      } catch (IllegalArgumentException e) {
        // falls through to the common message, which never repeats the value
      }
      throw invalid();
    }
  },
  LOG_LEVEL("one of trace, debug, info, warn, error") {
    @Override
    Object parse(String raw) {
      String level = raw.toLowerCase(Locale.ROOT);
      if (!LEVELS.contains(level)) {
        throw invalid();
      }
      return level;
    }
  };

  private static final Set<String> LEVELS = Set.of("trace", "debug", "info", "warn", "error");
  private static final Pattern SIMPLE_DURATION = Pattern.compile("(\\d{1,12})(ms|s|m|h)");

  private final String validValues;

  ValueType(String validValues) {
    this.validValues = validValues;
  }

  /** What a valid value looks like, for error messages and the documentation. */
  public String validValues() {
    return validValues;
  }

  /** The typed value of a non-empty raw value; throws {@link IllegalArgumentException} when it is not valid. */
  abstract Object parse(String raw);

  IllegalArgumentException invalid() {
    return new IllegalArgumentException("must be " + validValues);
  }

  long parseLong(String raw) {
    try {
      return Long.parseLong(raw.strip());
    } catch (NumberFormatException e) {
      throw invalid();
    }
  }

  Duration parseDuration(String raw) {
    String text = raw.strip();
    if (text.equals("0")) {
      return Duration.ZERO;
    }
    Matcher simple = SIMPLE_DURATION.matcher(text);
    if (simple.matches()) {
      long amount = Long.parseLong(simple.group(1));
      return switch (simple.group(2)) {
        case "ms" -> Duration.ofMillis(amount);
        case "s" -> Duration.ofSeconds(amount);
        case "m" -> Duration.ofMinutes(amount);
        default -> Duration.ofHours(amount);
      };
    }
    if (text.startsWith("P") || text.startsWith("p")) {
      try {
        Duration iso = Duration.parse(text);
        if (!iso.isNegative()) {
          return iso;
        }
      } catch (DateTimeParseException e) {
        // falls through to the common message
      }
    }
    throw invalid();
  }
}
