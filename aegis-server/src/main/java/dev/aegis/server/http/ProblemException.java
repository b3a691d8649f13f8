package dev.aegis.server.http;

import dev.aegis.core.AegisException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Thrown by a route to answer with a problem; the conventions turn it into {@code application/problem+json}. */
public class ProblemException extends AegisException {
  private final ProblemType type;
  private final List<Problem.FieldError> errors;
  private final Map<String, String> headers;

  public ProblemException(ProblemType type, String detail) {
    this(type, detail, List.of(), Map.of());
  }

  public ProblemException(ProblemType type, String detail, List<Problem.FieldError> errors) {
    this(type, detail, errors, Map.of());
  }

  public ProblemException(
      ProblemType type, String detail, List<Problem.FieldError> errors, Map<String, String> headers) {
    super(detail);
    this.type = type;
    this.errors = List.copyOf(errors);
    this.headers = Map.copyOf(new LinkedHashMap<>(headers));
  }

  public ProblemType type() {
    return type;
  }

  public String detail() {
    return getMessage();
  }

  public List<Problem.FieldError> errors() {
    return errors;
  }

  /** Extra response headers, such as {@code WWW-Authenticate} or {@code Retry-After}. */
  public Map<String, String> headers() {
    return headers;
  }
}
