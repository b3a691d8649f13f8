package dev.aegis.cli.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aegis.client.AegisApiException;
import dev.aegis.client.FieldError;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProblemReportTest {
  private final AegisApiException invalid =
      new AegisApiException(
          422,
          "urn:aegis:problem:validation",
          "The request is not valid",
          "2 fields are not valid: /name, /roles/0",
          "/api/v1/tenants/acme/keys",
          "5b0c2f0e6a3d4c1e",
          List.of(
              new FieldError("/name", null, "must not be empty"),
              new FieldError(null, "limit", "must be between 1 and 500")),
          null);

  @Test
  void saysTitleStatusDetailEachFieldAndTheRequestId() {
    assertThat(ProblemReport.text(invalid, null))
        .containsExactly(
            "error: The request is not valid (422 validation)",
            "  2 fields are not valid: /name, /roles/0",
            "  /name: must not be empty",
            "  limit: must be between 1 and 500",
            "  request id: 5b0c2f0e6a3d4c1e");
  }

  @Test
  void addsRetryAfterAndAHint() {
    AegisApiException unavailable =
        new AegisApiException(
            503, "urn:aegis:problem:unavailable", "Unavailable", null, null, null, List.of(), Duration.ofSeconds(5));

    assertThat(ProblemReport.text(unavailable, "try later"))
        .containsExactly("error: Unavailable (503 unavailable)", "  retry after: 5s", "hint: try later");
  }

  @Test
  void jsonKeepsTheProblemFields() {
    assertThat(ProblemReport.json(invalid))
        .contains("\"type\" : \"urn:aegis:problem:validation\"")
        .contains("\"request_id\" : \"5b0c2f0e6a3d4c1e\"")
        .contains("\"pointer\" : \"/name\"")
        .contains("\"parameter\" : \"limit\"");
  }
}
