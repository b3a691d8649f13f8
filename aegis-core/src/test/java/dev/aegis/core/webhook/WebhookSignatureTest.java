package dev.aegis.core.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Random;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {
  private static final byte[] BODY = "{\"type\":\"alert.fired\"}".getBytes(StandardCharsets.UTF_8);
  private final String secret = WebhookSignature.newSecret(new Random(1));

  @Test
  void secretsAreLongAndPrefixed() {
    assertThat(secret).matches("whsec_[A-Za-z0-9_-]{43}");
    assertThat(WebhookSignature.newSecret(new Random(2))).isNotEqualTo(secret);
  }

  @Test
  void theHeaderIsTheHmacOfTimestampDotBody() throws Exception {
    String header = WebhookSignature.header(secret, 1_764_000_000L, BODY);

    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    String expected = HexFormat.of().formatHex(
        mac.doFinal(("1764000000." + new String(BODY, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8)));
    assertThat(header).isEqualTo("t=1764000000,v1=" + expected);
  }

  @Test
  void verifiesTheRightBodyWithinTheTolerance() {
    String header = WebhookSignature.header(secret, 1000, BODY);

    assertThat(WebhookSignature.verify(header, secret, BODY, 1000, 300)).isTrue();
    assertThat(WebhookSignature.verify(header, secret, BODY, 1300, 300)).isTrue();
    assertThat(WebhookSignature.verify(header, secret, BODY, 1301, 300)).as("too old: a replay").isFalse();
  }

  @Test
  void refusesAChangedBodyAnotherSecretOrAMangledHeader() {
    String header = WebhookSignature.header(secret, 1000, BODY);
    byte[] tampered = "{\"type\":\"alert.resolved\"}".getBytes(StandardCharsets.UTF_8);

    assertThat(WebhookSignature.verify(header, secret, tampered, 1000, 300)).isFalse();
    assertThat(WebhookSignature.verify(header, WebhookSignature.newSecret(new Random(3)), BODY, 1000, 300)).isFalse();
    assertThat(WebhookSignature.verify(header.replace("t=1000", "t=1001"), secret, BODY, 1000, 300)).isFalse();
    for (String bad : new String[] {null, "", "v1=00", "t=1000", "t=x,v1=00", "t=1000,v1=zz", "garbage"}) {
      assertThat(WebhookSignature.verify(bad, secret, BODY, 1000, 300)).as(bad).isFalse();
    }
  }

  @Test
  void anyOfSeveralSignaturesMayMatch() {
    String header = WebhookSignature.header(secret, 1000, BODY);
    String rotated = "t=1000,v1=" + "00".repeat(32) + "," + header.substring(header.indexOf("v1="));

    assertThat(WebhookSignature.verify(rotated, secret, BODY, 1000, 300)).isTrue();
  }
}
