package dev.aegis.server.query;

import dev.aegis.server.http.Problem;
import dev.aegis.server.http.ProblemException;
import dev.aegis.server.http.ProblemType;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads the query parameters of one request and collects every problem, so that one 400 names each bad parameter.
 * Unknown and repeated parameters are problems too: a filter with a typo must not silently match everything.
 */
final class QueryParams {
  private final Context ctx;
  private final List<Problem.FieldError> errors = new ArrayList<>();

  private QueryParams(Context ctx) {
    this.ctx = ctx;
  }

  /** Starts reading a request whose only allowed parameters are {@code allowed}, in this order for messages. */
  static QueryParams of(Context ctx, List<String> allowed) {
    QueryParams params = new QueryParams(ctx);
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

  /** The value, or null when absent; an empty value is a problem. */
  String text(String name) {
    List<String> values = ctx.queryParams(name);
    if (values.size() != 1) {
      return null;
    }
    String value = values.get(0);
    if (value.isEmpty()) {
      reject(name, "must not be empty; leave the parameter out to match any");
      return null;
    }
    return value;
  }

  void reject(String name, String detail) {
    if (errors.stream().noneMatch(e -> e.parameter().equals(name))) {
      errors.add(Problem.FieldError.atParameter(name, detail));
    }
  }

  /** Adds problems found elsewhere (such as by {@link dev.aegis.server.http.Pagination}). */
  void addAll(List<Problem.FieldError> more) {
    more.forEach(e -> reject(e.parameter(), e.detail()));
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
