package dev.aegis.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.net.http.HttpHeaders;
import java.util.ArrayList;
import java.util.List;

/** An HTTP answer as the tests see it, with helpers for the API's problem bodies. */
record Response(int status, HttpHeaders headers, String body) {
  private static final ObjectMapper JSON = new ObjectMapper();

  JsonNode json() {
    try {
      return JSON.readTree(body);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  String header(String name) {
    return headers.firstValue(name).orElse(null);
  }

  /** Asserts an RFC 9457 problem of this status and type whose detail contains the given text; returns the body. */
  JsonNode assertProblem(int expectedStatus, String slug, String detailContains) {
    assertThat(status).as("status of %s", body).isEqualTo(expectedStatus);
    assertThat(header("Content-Type")).startsWith("application/problem+json");
    JsonNode problem = json();
    assertThat(problem.path("type").asText()).isEqualTo("urn:aegis:problem:" + slug);
    assertThat(problem.path("title").asText()).isNotBlank();
    assertThat(problem.path("status").asInt()).isEqualTo(expectedStatus);
    assertThat(problem.path("detail").asText()).contains(detailContains);
    assertThat(problem.path("instance").asText()).startsWith("/");
    assertThat(problem.path("request_id").asText()).isNotBlank().isEqualTo(header("X-Request-Id"));
    assertThat(body).doesNotContain("Exception").doesNotContain("\tat ");
    return problem;
  }

  /** Asserts the status, showing the body when it differs; returns this answer. */
  Response assertStatus(int expected) {
    assertThat(status).as("status of %s", body).isEqualTo(expected);
    return this;
  }

  /** The {@code pointer} (or {@code parameter}) of each entry of a problem's {@code errors}. */
  List<String> errorLocations() {
    List<String> out = new ArrayList<>();
    for (JsonNode error : json().path("errors")) {
      out.add(error.has("pointer") ? error.get("pointer").asText() : error.path("parameter").asText());
    }
    return out;
  }

  /** The detail of the error entry at a pointer or parameter. */
  String errorAt(String location) {
    for (JsonNode error : json().path("errors")) {
      if (location.equals(error.path("pointer").asText(null)) || location.equals(error.path("parameter").asText(null))) {
        return error.path("detail").asText();
      }
    }
    throw new AssertionError("no error at " + location + " in " + body);
  }
}
