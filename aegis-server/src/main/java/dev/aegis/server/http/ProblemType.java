package dev.aegis.server.http;

import java.util.Locale;
import java.util.Optional;

/** The kinds of problem the API answers with, as listed in docs/api.md; each is {@code urn:aegis:problem:<slug>}. */
public enum ProblemType {
  MALFORMED_REQUEST(400, "malformed-request", "The request is malformed"),
  UNAUTHENTICATED(401, "unauthenticated", "Authentication is required"),
  FORBIDDEN(403, "forbidden", "The key lacks a required role"),
  NOT_FOUND(404, "not-found", "Not found"),
  METHOD_NOT_ALLOWED(405, "method-not-allowed", "Method not allowed"),
  CONFLICT(409, "conflict", "Conflict"),
  PRECONDITION_FAILED(412, "precondition-failed", "A precondition failed"),
  BODY_TOO_LARGE(413, "body-too-large", "The request body is too large"),
  UNSUPPORTED_MEDIA_TYPE(415, "unsupported-media-type", "Unsupported media type"),
  VALIDATION(422, "validation", "The request is not valid"),
  INTERNAL(500, "internal", "Internal error"),
  UNAVAILABLE(503, "unavailable", "The service is unavailable");

  static final String URN_PREFIX = "urn:aegis:problem:";

  private final int status;
  private final String slug;
  private final String title;

  ProblemType(int status, String slug, String title) {
    this.status = status;
    this.slug = slug;
    this.title = title;
  }

  public int status() {
    return status;
  }

  public String slug() {
    return slug;
  }

  public String title() {
    return title;
  }

  /** The full type URI, such as {@code urn:aegis:problem:validation}. */
  public String uri() {
    return URN_PREFIX + slug;
  }

  /** The documented type for this status, if there is one. */
  public static Optional<ProblemType> forStatus(int status) {
    for (ProblemType type : values()) {
      if (type.status == status) {
        return Optional.of(type);
      }
    }
    return Optional.empty();
  }

  /** A slug for a status without a documented type, made from its reason phrase ("URI Too Long" → uri-too-long). */
  static String slugForReason(String reason) {
    return reason.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
  }
}
