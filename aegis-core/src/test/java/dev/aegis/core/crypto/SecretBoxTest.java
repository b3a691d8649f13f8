package dev.aegis.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class SecretBoxTest {
  private final SecureRandom random = new SecureRandom();
  private final byte[] key = randomKey();
  private final SecretBox box = new SecretBox(key, random);

  @Test
  void sealsAndOpensWithTheSameKeyAndContext() {
    String sealed = box.seal("whsec_abc", "whk_1");

    assertThat(sealed).startsWith("sb1:" + box.keyId() + ":").doesNotContain("whsec_abc");
    assertThat(box.open(sealed, "whk_1")).isEqualTo("whsec_abc");
    assertThat(new SecretBox(key, random).open(sealed, "whk_1")).as("a box with the same key").isEqualTo("whsec_abc");
  }

  @Test
  void eachSealUsesAFreshNonce() {
    assertThat(box.seal("same", "ctx")).isNotEqualTo(box.seal("same", "ctx"));
  }

  @Test
  void anotherContextDoesNotOpen() {
    String sealed = box.seal("whsec_abc", "whk_1");

    assertThatThrownBy(() -> box.open(sealed, "whk_2"))
        .isInstanceOf(SecretBoxException.class)
        .hasMessageContaining("changed, or belongs to something else");
  }

  @Test
  void anotherKeyIsNamedInTheError() {
    String sealed = box.seal("whsec_abc", "whk_1");
    SecretBox other = new SecretBox(randomKey(), random);

    assertThatThrownBy(() -> other.open(sealed, "whk_1"))
        .isInstanceOf(SecretBoxException.class)
        .hasMessageContaining(box.keyId())
        .hasMessageContaining(other.keyId());
  }

  @Test
  void changedBytesDoNotOpen() {
    String sealed = box.seal("whsec_abc", "whk_1");
    String[] parts = sealed.split(":");
    byte[] raw = Base64.getUrlDecoder().decode(parts[2]);
    raw[raw.length - 1] ^= 1;
    String tampered = parts[0] + ":" + parts[1] + ":" + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);

    assertThatThrownBy(() -> box.open(tampered, "whk_1")).isInstanceOf(SecretBoxException.class);
    for (String junk : new String[] {null, "", "sb1:x", "sb2:" + box.keyId() + ":AAAA", "sb1:" + box.keyId() + ":!!",
        "sb1:" + box.keyId() + ":AAAA"}) {
      assertThatThrownBy(() -> box.open(junk, "whk_1")).as(junk).isInstanceOf(SecretBoxException.class);
    }
  }

  @Test
  void refusesKeysOfTheWrongSizeAndNeverPrintsTheKey() {
    assertThatThrownBy(() -> new SecretBox(new byte[16], random)).hasMessageContaining("32 bytes");
    assertThat(box.toString()).isEqualTo("SecretBox[keyId=" + box.keyId() + "]");
    assertThat(box.keyId()).hasSize(8).isEqualTo(SecretBox.keyId(key));
  }

  private byte[] randomKey() {
    byte[] bytes = new byte[SecretBox.KEY_BYTES];
    random.nextBytes(bytes);
    return bytes;
  }
}
