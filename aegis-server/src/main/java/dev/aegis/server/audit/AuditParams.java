package dev.aegis.server.audit;

import dev.aegis.server.http.Pagination;
import dev.aegis.server.http.Problem;
import dev.aegis.server.http.ProblemException;
import dev.aegis.server.http.ProblemType;
import io.javalin.http.Context;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the query parameters of an audit request and collects every problem, so that one 400 names each bad
 * parameter. Unknown and repeated parameters are problems too: a filter with a typo must not match everything.
 */
final class AuditParams {
  static final String TIME_FORMS = "an RFC 3339 time such as 2026-11-25T12:00:00Z, or a time back from now such as"
      + " -30s, -15m, -2h or -7d";
  private static final Pattern RELATIVE = Pattern.compile("-(\\d{1,9})([smhd])");

  private final Context ctx;
  private final List<Problem.FieldError> errors = new ArrayList<>();

  private AuditParams(Context ctx) {
    this.ctx = ctx;
  }

  /** Starts reading a request whose only parameters may be {@code allowed}, in this order for messages. */
  static AuditParams of(Context ctx, List<String> allowed) {
    AuditParams params = new AuditParams(ctx);
    Set<String> known = Set.copyOf(allowed);
    ctx.queryParamMap().forEach((name, values) -> {
      if (!known.contains(name)) {
        params.reject(name, "is not a parameter of this route; allowed: " + String.join(", ", allowed));
      } else if (values.size() > 1) {
        params.reject(name, "is given " + values.size() + " times; give it once");
      }
    });
    return params;
  }

  /** The value, or null when absent (or given more than once, which is already a problem). */
  String text(String name) {
    List<String> values = ctx.queryParams(name);
    if (values.size() != 1) {
      return null;
    }
    if (values.getFirst().isEmpty()) {
      reject(name, "must not be empty; leave the parameter out to match any");
      return null;
    }
    return values.getFirst();
  }

  /** The value if it matches {@code pattern}, else null and a problem that says {@code expected}. */
  String matching(String name, Pattern pattern, String expected) {
    String value = text(name);
    if (value != null && !pattern.matcher(value).matches()) {
      reject(name, "must be " + expected + ", was '" + value + "'");
      return null;
    }
    return value;
  }

  /** An RFC 3339 time, or a time back from {@code now} such as {@code -1h}. */
  Instant time(String name, Instant now) {
    String value = text(name);
    if (value == null) {
      return null;
    }
    Matcher relative = RELATIVE.matcher(value);
    if (relative.matches()) {
      long amount = Long.parseLong(relative.group(1));
      return now.minus(switch (relative.group(2)) {
        case "s" -> Duration.ofSeconds(amount);
        case "m" -> Duration.ofMinutes(amount);
        case "h" -> Duration.ofHours(amount);
        default -> Duration.ofDays(amount);
      });
    }
    try {
      // unencoded in a URL, the + of an offset arrives as a space
      return OffsetDateTime.parse(value.replace(' ', '+')).toInstant();
    } catch (DateTimeParseException e) {
      reject(name, "must be " + TIME_FORMS + ", was '" + value + "'");
      return null;
    }
  }

  /** The page asked for, whose cursor must be a sequence number; problems join the others. */
  Long cursorSequence() {
    try {
      String afterId = Pagination.request(ctx).afterId();
      if (afterId == null) {
        return null;
      }
      long sequence = Long.parseLong(afterId);
      if (sequence >= 1) {
        return sequence;
      }
    } catch (ProblemException e) {
      e.errors().forEach(error -> reject(error.parameter(), error.detail()));
      return null;
    } catch (NumberFormatException e) {
      // reported below
    }
    reject("cursor", "is not a cursor of the audit log; pass next_cursor from the previous page, or no cursor");
    return null;
  }

  void reject(String name, String detail) {
    if (errors.stream().noneMatch(e -> name.equals(e.parameter()))) {
      errors.add(Problem.FieldError.atParameter(name, detail));
    }
  }

  /** Throws a 400 that lists every problem, when there is any. */
  void throwIfInvalid() {
    if (errors.isEmpty()) {
      return;
    }
    String names = String.join(", ", errors.stream().map(Problem.FieldError::parameter).toList());
    throw new ProblemException(ProblemType.MALFORMED_REQUEST, "Query parameters not valid: " + names + ".", errors);
  }
}
