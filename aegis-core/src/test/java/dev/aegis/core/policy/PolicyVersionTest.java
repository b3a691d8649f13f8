package dev.aegis.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class PolicyVersionTest {
  private static final Instant T0 = Instant.parse("2026-11-24T12:00:00Z");

  @Test
  void theDigestIsTheSha256OfTheUtf8TextInHex() {
    assertThat(PolicyVersion.digestOf("abc"))
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    assertThat(PolicyVersion.digestOf("{\"a\":\"é\"}")).isNotEqualTo(PolicyVersion.digestOf("{\"a\":\"e\"}"));
  }

  @Test
  void aVersionIsNamedIdAtVersion() {
    assertThat(version(3, PolicyChange.UPDATE, "{}", null).ref()).isEqualTo("support@3");
  }

  @Test
  void aTombstoneHasNoDocumentAndEveryOtherVersionHasOne() {
    assertThatThrownBy(() -> version(2, PolicyChange.DELETE, "{}", null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> version(2, PolicyChange.UPDATE, null, null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(new PolicyVersion("ten_1", "support", 2, null, null, null, null, PolicyChange.DELETE, null, "key_1",
        null, T0).isTombstone()).isTrue();
  }

  @Test
  void onlyARollbackNamesTheVersionItCopiesAndVersionsStartAtOne() {
    assertThatThrownBy(() -> version(2, PolicyChange.ROLLBACK, "{}", null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> version(2, PolicyChange.UPDATE, "{}", 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> version(0, PolicyChange.CREATE, "{}", null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(version(3, PolicyChange.ROLLBACK, "{}", 1).rolledBackFrom()).isEqualTo(1);
  }

  @Test
  void wireNamesRoundTrip() {
    for (PolicyChange change : PolicyChange.values()) {
      assertThat(PolicyChange.fromWire(change.wireName())).contains(change);
    }
    assertThat(PolicyVersion.Format.fromWire("yaml")).contains(PolicyVersion.Format.YAML);
    assertThat(PolicyVersion.Format.fromWire("toml")).isEmpty();
  }

  private static PolicyVersion version(int n, PolicyChange change, String document, Integer from) {
    return new PolicyVersion("ten_1", "support", n, document, document, document == null ? null
        : PolicyVersion.Format.JSON, document == null ? null : PolicyVersion.digestOf(document), change, from,
        "key_1", null, T0);
  }
}
