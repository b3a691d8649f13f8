package dev.aegis.core.redact;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class KeyedHasherTest {
  @Test
  void itIsHmacSha256ForKeysShorterAndLongerThanABlock() throws Exception {
    for (int keyLength : List.of(16, 32, 64, 65, 200)) {
      byte[] key = new byte[keyLength];
      for (int i = 0; i < keyLength; i++) {
        key[i] = (byte) (i * 31 + keyLength);
      }
      KeyedHasher hasher = new KeyedHasher(key);
      for (String value : List.of("", "ana@example.com", "x".repeat(1000), "Grüße")) {
        byte[] message = value.getBytes(StandardCharsets.UTF_8);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        assertThat(hasher.mac(message)).as("key %d bytes, value %s", keyLength, value).isEqualTo(mac.doFinal(message));
      }
    }
  }

  @Test
  void tagsAreTheFirstEightHexDigits() {
    KeyedHasher hasher = new KeyedHasher(TestKeys.TENANT_A);
    String tag = hasher.tag("ana@example.com");

    assertThat(tag).matches("[0-9a-f]{8}");
    assertThat(java.util.HexFormat.of().formatHex(hasher.mac("ana@example.com".getBytes(StandardCharsets.UTF_8))))
        .startsWith(tag);
    assertThat(hasher.tag("ana@example.com")).isEqualTo(tag);
  }

  @Test
  void thePromptHashIsThePlainSha256() {
    assertThat(KeyedHasher.sha256("")).isEqualTo(
        "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  }
}
