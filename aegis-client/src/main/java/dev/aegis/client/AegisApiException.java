package dev.aegis.client;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The server answered with an error: the RFC 9457 problem it sent, with its status, type, title, detail, request
 * id and the field errors.
 */
public class AegisApiException extends AegisClientException {
  /** The prefix of every Aegis problem type, such as {@code urn:aegis:problem:validation}. */
  public static final String TYPE_PREFIX = "urn:aegis:problem:";

  private final int status;
  private final String type;
  private final String title;
  private final String detail;
  private final String instance;
  private final String requestId;
  private final List<FieldError> errors;
  private final Duration retryAfter;

  public AegisApiException(
      int status,
      String type,
      String title,
      String detail,
      String instance,
      String requestId,
      List<FieldError> errors,
      Duration retryAfter) {
    super(message(status, title, detail, requestId));
    this.status = status;
    this.type = type;
    this.title = title;
    this.detail = detail;
    this.instance = instance;
    this.requestId = requestId;
    this.errors = errors == null ? List.of() : List.copyOf(errors);
    this.retryAfter = retryAfter;
  }

  private static String message(int status, String title, String detail, String requestId) {
    StringBuilder text = new StringBuilder().append(status).append(' ').append(title);
    if (detail != null && !detail.isBlank()) {
      text.append(": ").append(detail);
    }
    if (requestId != null) {
      text.append(" (request id ").append(requestId).append(')');
    }
    return text.toString();
  }

  /** The HTTP status, such as 422. */
  public int status() {
    return status;
  }

  /** The problem type URI, such as {@code urn:aegis:problem:validation}; {@code about:blank} when none was sent. */
  public String type() {
    return type;
  }

  /**
   * The last part of an Aegis problem type, such as {@code validation} or {@code not-found}; the whole type for
   * other problems.
   */
  public String kind() {
    return type.startsWith(TYPE_PREFIX) ? type.substring(TYPE_PREFIX.length()) : type;
  }

  /** A short summary of the problem type, the same for every occurrence. */
  public String title() {
    return title;
  }

  /** What went wrong this time and how to fix it, or null. */
  public String detail() {
    return detail;
  }

  /** The path the problem is about, or null. */
  public String instance() {
    return instance;
  }

  /** The id the server logged the request under, or null; quote it when reporting a problem. */
  public String requestId() {
    return requestId;
  }

  /** The fields or parameters at fault, empty when the problem is not about one. */
  public List<FieldError> errors() {
    return errors;
  }

  /** How long the server asked to wait before trying again (on 429 and 503), if it said. */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }
}
