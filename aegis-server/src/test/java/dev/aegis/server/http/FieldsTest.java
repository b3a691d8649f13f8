package dev.aegis.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class FieldsTest {
  private final ObjectMapper json = Json.newMapper();

  @Test
  void pointersEscapeSlashAndTilde() {
    assertThat(Fields.pointer("roles", 0)).isEqualTo("/roles/0");
    assertThat(Fields.pointer("a/b", "c~d")).isEqualTo("/a~1b/c~0d");
  }

  @Test
  void everyProblemIsCollectedBeforeThrowing() throws Exception {
    ObjectNode body = (ObjectNode) json.readTree("{\"name\": 1, \"x/y\": true}");
    Fields fields = Fields.of(body, "name", "roles");
    fields.requiredString("name");
    fields.requiredArray("roles");

    assertThatThrownBy(fields::throwIfInvalid)
        .isInstanceOfSatisfying(ProblemException.class, e -> {
          assertThat(e.type()).isEqualTo(ProblemType.VALIDATION);
          assertThat(e.detail()).isEqualTo("3 fields are not valid: /x~1y, /name, /roles");
          assertThat(e.errors()).extracting(Problem.FieldError::detail)
              .containsExactly("unknown field; allowed fields: name, roles", "must be a string, was a number",
                  "is required");
        });
  }

  @Test
  void validBodyPasses() throws Exception {
    Fields fields = Fields.of((ObjectNode) json.readTree("{\"name\": \"ok\", \"roles\": []}"), "name", "roles");

    assertThat(fields.requiredString("name")).isEqualTo("ok");
    assertThat(fields.requiredArray("roles")).isEmpty();
    fields.throwIfInvalid();
    assertThat(fields.isValid()).isTrue();
  }

  @Test
  void requestIdsAreAcceptedOnlyWhenWellFormed() {
    assertThat(RequestIds.accept("abc-1.2:3_4")).isEqualTo("abc-1.2:3_4");
    assertThat(RequestIds.accept("x".repeat(128))).hasSize(128);
    assertThat(RequestIds.accept("x".repeat(129))).matches("[0-9a-f]{16}");
    assertThat(RequestIds.accept("")).matches("[0-9a-f]{16}");
    assertThat(RequestIds.accept(null)).matches("[0-9a-f]{16}");
    assertThat(RequestIds.accept("a b")).matches("[0-9a-f]{16}");
  }

  @Test
  void timestampsHaveMillisecondsInUtc() {
    assertThat(Json.format(java.time.Instant.parse("2026-11-24T23:40:12Z"))).isEqualTo("2026-11-24T23:40:12.000Z");
    assertThat(Json.format(java.time.Instant.parse("2026-11-24T23:40:12.345678Z")))
        .isEqualTo("2026-11-24T23:40:12.345Z");
  }
}
