package dev.aegis.core.redact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class RedactionPolicyTest {
  private final RedactionPolicy defaults = RedactionPolicy.defaults(TestKeys.TENANT_A);

  @Test
  void defaultsCaptureHashesOnly() {
    assertThat(defaults.captureLevel()).isEqualTo(CaptureLevel.HASH);
    assertThat(new RedactionPolicy(null, null, null, null, TestKeys.TENANT_A).captureLevel())
        .isEqualTo(CaptureLevel.HASH);
    assertThat(defaults.customPatterns()).isEmpty();
  }

  @Test
  void theHashKeyMustBeLongEnough() {
    rejects(() -> RedactionPolicy.defaults(new byte[15]), "hash_key");
    rejects(() -> RedactionPolicy.defaults(null), "hash_key");
    assertThat(RedactionPolicy.defaults(new byte[16]).hashKey()).hasSize(16);
  }

  @Test
  void theKeyIsCopiedInAndOut() {
    byte[] key = TestKeys.TENANT_A.clone();
    RedactionPolicy policy = RedactionPolicy.defaults(key);
    String before = new Redactor(policy).redact("ana@example.com");

    key[0] ^= 1;
    policy.hashKey()[1] ^= 1;

    assertThat(new Redactor(policy).redact("ana@example.com")).isEqualTo(before);
  }

  @Test
  void toStringHidesTheKeyAndEqualityComparesItsBytes() {
    assertThat(defaults.toString()).contains("hashKey=(hidden)").doesNotContain("tenant-a-redaction");
    assertThat(defaults).isEqualTo(RedactionPolicy.defaults(TestKeys.TENANT_A.clone()))
        .hasSameHashCodeAs(RedactionPolicy.defaults(TestKeys.TENANT_A.clone()))
        .isNotEqualTo(RedactionPolicy.defaults(TestKeys.TENANT_B));
  }

  @Test
  void patternNamesAreCheckedAndMustNotShadowBuiltInKinds() {
    rejects(() -> defaults.withCustomPattern("1abc", "x"), "custom_patterns.1abc");
    rejects(() -> defaults.withCustomPattern("with space", "x"), "custom_patterns.with space");
    rejects(() -> defaults.withCustomPattern("email", "x"), "custom_patterns.email");
    rejects(() -> defaults.withCustomPattern("not_captured", "x"), "custom_patterns.not_captured");
    Map<String, String> twins = new LinkedHashMap<>();
    twins.put("order", "O-\\d+");
    twins.put("ORDER", "P-\\d+");
    rejects(() -> new RedactionPolicy(null, twins, null, null, TestKeys.TENANT_A), "custom_patterns.ORDER");
  }

  @Test
  void patternsMustCompileAndMatchSomething() {
    rejects(() -> defaults.withCustomPattern("broken", "[a-z"), "custom_patterns.broken");
    rejects(() -> defaults.withCustomPattern("anything", "\\d*"), "custom_patterns.anything");
    rejects(() -> defaults.withCustomPattern("empty", ""), "custom_patterns.empty");
    rejects(() -> defaults.withCustomPattern("huge", "a".repeat(RedactionPolicy.MAX_PATTERN_CHARS + 1)),
        "custom_patterns.huge");
    Map<String, String> many = new LinkedHashMap<>();
    for (int i = 0; i <= RedactionPolicy.MAX_CUSTOM_PATTERNS; i++) {
      many.put("p" + i, "x" + i);
    }
    rejects(() -> new RedactionPolicy(null, many, null, null, TestKeys.TENANT_A), "custom_patterns");
  }

  @Test
  void keyGlobsMustBeNonEmptyWithoutSpaces() {
    rejects(() -> defaults.withDenyKeys("user.*", "bad key"), "deny_keys[1]");
    rejects(() -> defaults.withAllowKeys(""), "allow_keys[0]");
    assertThat(defaults.withAllowKeys("http.request.header.*").allowKeys())
        .isEqualTo(List.of("http.request.header.*"));
  }

  @Test
  void customPatternsKeepTheirOrder() {
    RedactionPolicy policy = defaults.withCustomPattern("zeta", "z\\d").withCustomPattern("alpha", "a\\d");
    assertThat(policy.customPatterns().keySet()).containsExactly("zeta", "alpha");
  }

  @Test
  void captureLevelsHaveWireNames() {
    assertThat(CaptureLevel.REDACTED.wireName()).isEqualTo("redacted");
    assertThat(CaptureLevel.fromWire("full")).contains(CaptureLevel.FULL);
    assertThat(CaptureLevel.fromWire("FULL")).isEmpty();
  }

  private static void rejects(ThrowingCallable build, String setting) {
    assertThatThrownBy(build)
        .isInstanceOf(InvalidRedactionPolicyException.class)
        .hasMessageStartingWith(setting + ": ")
        .extracting(e -> ((InvalidRedactionPolicyException) e).setting())
        .isEqualTo(setting);
  }
}
