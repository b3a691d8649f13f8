package dev.aegis.core.redact;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ContentCaptureTest {
  private static final String JWT =
      "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U";
  private static final String MESSAGE = "Hi, I'm ana@example.com, card 4111 1111 1111 1111, call +1 415 555 0100. "
      + "Use Bearer " + JWT + " or key AKIAIOSFODNN7EXAMPLE, password=hunter22, "
      + "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----";
  private final RedactionPolicy defaults = RedactionPolicy.defaults(TestKeys.TENANT_A);

  @Test
  void noneStoresNothingAtAll() {
    ContentCapture capture = capture(CaptureLevel.NONE, MESSAGE);

    assertThat(capture.stored()).isFalse();
    assertThat(capture.hash()).isNull();
    assertThat(capture.text()).isNull();
  }

  @Test
  void hashIsThePlainSha256AnAgentCanComputeItself() {
    ContentCapture capture = capture(CaptureLevel.HASH, "hello");

    assertThat(capture.stored()).isTrue();
    assertThat(capture.hash()).isEqualTo("sha256:2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824");
    assertThat(capture.text()).isNull();
  }

  @Test
  void theDefaultLevelIsHash() {
    assertThat(new Redactor(defaults).captureContent(MESSAGE).level()).isEqualTo(CaptureLevel.HASH);
    assertThat(new Redactor(defaults).captureContent(MESSAGE).text()).isNull();
  }

  @Test
  void redactedReplacesEveryKindAndKeepsTheHashOfTheRawText() {
    ContentCapture capture = capture(CaptureLevel.REDACTED, MESSAGE);

    assertThat(capture.hash()).isEqualTo(KeyedHasher.sha256(MESSAGE));
    assertThat(capture.text()).doesNotContain("ana@example.com", "4111", "415 555", JWT, "AKIA", "hunter22",
        "MIIEvQ");
    assertThat(capture.counts()).containsOnlyKeys(
        "EMAIL", "CARD", "PHONE", "JWT", "API_KEY", "SECRET", "PRIVATE_KEY");
  }

  @Test
  void fullKeepsPersonalDataButNeverSecrets() {
    ContentCapture capture = capture(CaptureLevel.FULL, MESSAGE);

    assertThat(capture.text()).contains("ana@example.com", "4111 1111 1111 1111", "+1 415 555 0100")
        .doesNotContain(JWT, "AKIAIOSFODNN7EXAMPLE", "hunter22", "MIIEvQ");
    assertThat(capture.counts()).containsOnlyKeys("JWT", "API_KEY", "SECRET", "PRIVATE_KEY");
    assertThat(capture.hash()).isEqualTo(KeyedHasher.sha256(MESSAGE));
  }

  @Test
  void fullStillAppliesTheTenantsOwnPatterns() {
    Redactor redactor = new Redactor(
        defaults.withCaptureLevel(CaptureLevel.FULL).withCustomPattern("employee_id", "\\bE-\\d{6}\\b"));

    assertThat(redactor.captureContent("ask E-123456 or ana@example.com").text())
        .matches("ask <EMPLOYEE_ID:[0-9a-f]{8}> or ana@example\\.com");
  }

  @Test
  void noRawContentMeansNothingStored() {
    assertThat(capture(CaptureLevel.FULL, null).stored()).isFalse();
  }

  private ContentCapture capture(CaptureLevel level, String raw) {
    return new Redactor(defaults.withCaptureLevel(level)).captureContent(raw);
  }
}
