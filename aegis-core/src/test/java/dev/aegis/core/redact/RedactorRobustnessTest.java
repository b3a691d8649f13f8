package dev.aegis.core.redact;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class RedactorRobustnessTest {
  private static final String[] PIECES = {
      "0", "1", "4", "7", "9", "00", "123", "4111", "555", " ", "-", ".", ":", "::", "/", "(", ")", "+", "@", "%40",
      "=", "\"", "'", ",", ";", "&", "<", ">", "_", "a", "e", "x", "Z", "DE", "89", "eyJ", "Bearer ", "Basic ",
      "sk-", "AKIA", "ghp_", "aegis_", "password", "token", "key", "phone", "tel:", "ssn ", "-----BEGIN ",
      "PRIVATE KEY-----", "-----END ", "\n", "\\n", "é", "😀", "ß", "example.com", "fe80", "ffff", "<EMAIL:0123abcd>"};

  @Test
  void anyTextIsRedactedWithoutErrorsAndRedactingTwiceChangesNothing() {
    Redactor redactor = new Redactor(RedactionPolicy.defaults(TestKeys.TENANT_A)
        .withCustomPattern("order", "\\bORD-\\d{4,}\\b"));
    Random random = new Random(20260529);
    for (int round = 0; round < 20_000; round++) {
      StringBuilder text = new StringBuilder();
      int pieces = 1 + random.nextInt(30);
      for (int p = 0; p < pieces; p++) {
        text.append(PIECES[random.nextInt(PIECES.length)]);
      }
      String input = text.toString();
      String once = redactor.redact(input);
      assertThat(redactor.redact(once)).as("input %s", input).isEqualTo(once);
    }
  }

  @Test
  @Timeout(120) // guards against a hang if a detector went quadratic; not a speed claim
  void hostileLongValuesFinish() {
    Redactor redactor = new Redactor(RedactionPolicy.defaults(TestKeys.TENANT_A));
    // shapes that make naive expressions backtrack: long runs of local-part, digit and hex characters
    String[] hostile = {
        "a".repeat(200_000) + "@", "%40".repeat(50_000), "1 ".repeat(100_000), "1.".repeat(100_000),
        "f:".repeat(100_000), "eyJ".repeat(60_000) + ".", "Bearer " + " ".repeat(100_000), "DE89 ".repeat(40_000),
        "-----BEGIN PRIVATE KEY-----".repeat(5_000), "password=".repeat(20_000),
        "<PHONE:0123abcd>phone: 4155550100 ".repeat(10_000)};
    for (String text : hostile) {
      assertThat(redactor.redact(text)).isNotNull();
    }
  }
}
