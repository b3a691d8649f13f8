package dev.aegis.server.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * An RFC 9457 problem body, the answer to every 4xx and 5xx.
 *
 * @param type {@code urn:aegis:problem:<slug>}
 * @param title a short summary of the type
 * @param status the HTTP status
 * @param detail what was wrong with this request and how to fix it
 * @param instance the request path
 * @param requestId the request id, as in the {@code X-Request-Id} response header
 * @param errors one entry per offending field or parameter, or null
 */
@JsonPropertyOrder({"type", "title", "status", "detail", "instance", "request_id", "errors"})
public record Problem(
    String type,
    String title,
    int status,
    String detail,
    String instance,
    String requestId,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<FieldError> errors) {
  public static final String MEDIA_TYPE = "application/problem+json";

  /**
   * One thing wrong with a request: a JSON pointer into the body, or a query parameter.
   *
   * @param pointer a JSON pointer such as {@code /roles/0}, or null
   * @param parameter a query parameter name, or null
   * @param detail what is wrong with it
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record FieldError(String pointer, String parameter, String detail) {
    public static FieldError atPointer(String pointer, String detail) {
      return new FieldError(pointer, null, detail);
    }

    public static FieldError atParameter(String parameter, String detail) {
      return new FieldError(null, parameter, detail);
    }
  }
}
