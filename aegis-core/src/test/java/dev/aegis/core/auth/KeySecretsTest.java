package dev.aegis.core.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KeySecretsTest {
  private final KeySecrets secrets = new KeySecrets(new Random(42));

  @Test
  void secretsHaveTheDocumentedShapeAndAreUnique() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 1000; i++) {
      String secret = secrets.newSecret();
      assertThat(secret).matches("aegis_[a-z0-9]{8}_[A-Za-z0-9]{43}");
      assertThat(seen.add(secret)).isTrue();
    }
  }

  @Test
  void theVisiblePrefixIsTheSchemeAndTheFirstBlock() {
    String secret = secrets.newSecret();
    assertThat(KeySecrets.prefixOf(secret)).contains(secret.substring(0, 14));
  }

  @Test
  void malformedSecretsHaveNoPrefix() {
    String good = secrets.newSecret();
    assertThat(KeySecrets.prefixOf(null)).isEmpty();
    assertThat(KeySecrets.prefixOf("")).isEmpty();
    assertThat(KeySecrets.prefixOf("Bearer " + good)).isEmpty();
    assertThat(KeySecrets.prefixOf(good.substring(0, good.length() - 1))).isEmpty();
    assertThat(KeySecrets.prefixOf(good + "x")).isEmpty();
    assertThat(KeySecrets.prefixOf(good.replace('_', '-'))).isEmpty();
  }

  @Test
  void onlyTheExactSecretMatchesItsHash() {
    String secret = secrets.newSecret();
    String hash = KeySecrets.hash(secret);

    assertThat(hash).hasSize(64).doesNotContain(secret.substring(15));
    assertThat(KeySecrets.matches(secret, hash)).isTrue();
    assertThat(KeySecrets.matches(secrets.newSecret(), hash)).isFalse();
    assertThat(KeySecrets.matches(secret, "not-hex")).isFalse();
    assertThat(KeySecrets.matches(secret, hash.substring(2))).isFalse();
  }
}
