package dev.aegis.cli.support;

import dev.aegis.client.AegisApiException;
import dev.aegis.client.FieldError;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Says what a problem answer means, readably for people or as JSON for scripts. */
public final class ProblemReport {
  private ProblemReport() {}

  /**
   * Such as:
   *
   * <pre>
   * error: The request is not valid (422 validation)
   *   2 fields are not valid: /name, /roles/0
   *   /name: must not be empty
   *   request id: 5b0c2f0e6a3d4c1e
   * </pre>
   */
  public static List<String> text(AegisApiException problem, String hint) {
    List<String> lines = new ArrayList<>();
    lines.add("error: " + problem.title() + " (" + problem.status() + " " + problem.kind() + ")");
    if (problem.detail() != null && !problem.detail().isBlank()) {
      lines.add("  " + problem.detail());
    }
    for (FieldError error : problem.errors()) {
      String location = error.location();
      lines.add("  " + (location.isEmpty() ? "" : location + ": ") + nullToEmpty(error.detail()));
    }
    problem.retryAfter().ifPresent(wait -> lines.add("  retry after: " + wait.toSeconds() + "s"));
    if (problem.requestId() != null) {
      lines.add("  request id: " + problem.requestId());
    }
    if (hint != null) {
      lines.add("hint: " + hint);
    }
    return lines;
  }

  /** The problem as the server sent it, for {@code -o json}. */
  public static String json(AegisApiException problem) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", problem.type());
    body.put("title", problem.title());
    body.put("status", problem.status());
    body.put("detail", problem.detail());
    body.put("instance", problem.instance());
    body.put("request_id", problem.requestId());
    List<Map<String, String>> errors = new ArrayList<>();
    for (FieldError error : problem.errors()) {
      Map<String, String> entry = new LinkedHashMap<>();
      if (error.pointer() != null) {
        entry.put("pointer", error.pointer());
      }
      if (error.parameter() != null) {
        entry.put("parameter", error.parameter());
      }
      entry.put("detail", error.detail());
      errors.add(entry);
    }
    body.put("errors", errors);
    return Json.pretty(body);
  }

  private static String nullToEmpty(String text) {
    return text == null ? "" : text;
  }
}
