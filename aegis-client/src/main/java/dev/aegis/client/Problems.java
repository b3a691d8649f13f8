package dev.aegis.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads an RFC 9457 problem body into an {@link AegisApiException}, and copes with error answers that are not one. */
final class Problems {
  private static final Map<Integer, String> REASONS =
      Map.ofEntries(
          Map.entry(400, "Bad Request"),
          Map.entry(401, "Unauthorized"),
          Map.entry(403, "Forbidden"),
          Map.entry(404, "Not Found"),
          Map.entry(405, "Method Not Allowed"),
          Map.entry(409, "Conflict"),
          Map.entry(413, "Content Too Large"),
          Map.entry(415, "Unsupported Media Type"),
          Map.entry(422, "Unprocessable Content"),
          Map.entry(429, "Too Many Requests"),
          Map.entry(500, "Internal Server Error"),
          Map.entry(502, "Bad Gateway"),
          Map.entry(503, "Service Unavailable"),
          Map.entry(504, "Gateway Timeout"));

  private Problems() {}

  static AegisApiException from(int status, HttpHeaders headers, byte[] body, ObjectMapper mapper) {
    String headerRequestId = headers.firstValue("X-Request-Id").orElse(null);
    Duration retryAfter = retryAfter(headers.firstValue("Retry-After").orElse(null));
    JsonNode problem = readObject(body, mapper);
    if (problem == null) {
      return new AegisApiException(
          status,
          "about:blank",
          REASONS.getOrDefault(status, "HTTP " + status),
          "the server answered " + status + " without a problem body",
          null,
          headerRequestId,
          List.of(),
          retryAfter);
    }
    String requestId = text(problem, "request_id");
    return new AegisApiException(
        status,
        orElse(text(problem, "type"), "about:blank"),
        orElse(text(problem, "title"), REASONS.getOrDefault(status, "HTTP " + status)),
        text(problem, "detail"),
        text(problem, "instance"),
        requestId != null ? requestId : headerRequestId,
        errors(problem.get("errors")),
        retryAfter);
  }

  private static JsonNode readObject(byte[] body, ObjectMapper mapper) {
    if (body == null || body.length == 0) {
      return null;
    }
    try {
      JsonNode node = mapper.readTree(body);
      return node != null && node.isObject() ? node : null;
    } catch (IOException e) {
      return null;
    }
  }

  private static List<FieldError> errors(JsonNode errors) {
    if (errors == null || !errors.isArray()) {
      return List.of();
    }
    List<FieldError> result = new ArrayList<>();
    for (JsonNode error : errors) {
      if (error.isObject()) {
        result.add(new FieldError(text(error, "pointer"), text(error, "parameter"), text(error, "detail")));
      }
    }
    return result;
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }

  private static String orElse(String value, String fallback) {
    return value == null || value.isBlank() ? fallback : value;
  }

  /** Retry-After in seconds; the HTTP-date form is not used by Aegis and is ignored. */
  static Duration retryAfter(String header) {
    if (header == null) {
      return null;
    }
    try {
      long seconds = Long.parseLong(header.trim());
      return seconds >= 0 ? Duration.ofSeconds(seconds) : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
