package dev.aegis.core.redact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class RedactorTest {
  private static final Pattern MARKER = Pattern.compile("<([A-Z_]+):([0-9a-f]{8})>");
  private final Redactor redactor = new Redactor(RedactionPolicy.defaults(TestKeys.TENANT_A));

  @Test
  void aReplacementIsTheKindAndTheTruncatedHmacOfTheNormalizedValue() throws Exception {
    String out = redactor.redact("mail Jane.Doe@Example.COM today");

    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(TestKeys.TENANT_A, "HmacSHA256"));
    String expected = HexFormat.of()
        .formatHex(mac.doFinal("jane.doe@example.com".getBytes(StandardCharsets.UTF_8)))
        .substring(0, 8);
    assertThat(out).isEqualTo("mail <EMAIL:" + expected + "> today");
  }

  @Test
  void equalValuesCorrelateWhateverTheirFormatting() {
    assertThat(tagOf(redactor.redact("jane.doe@example.com")))
        .isEqualTo(tagOf(redactor.redact("JANE.DOE@EXAMPLE.COM")))
        .isEqualTo(tagOf(redactor.redact("q?u=jane.doe%40example.com")))
        .isNotEqualTo(tagOf(redactor.redact("john.doe@example.com")));
    assertThat(tagOf(redactor.redact("4111 1111 1111 1111")))
        .isEqualTo(tagOf(redactor.redact("4111-1111-1111-1111")))
        .isEqualTo(tagOf(redactor.redact("card=4111111111111111")))
        .isNotEqualTo(tagOf(redactor.redact("4242424242424242")));
    assertThat(tagOf(redactor.redact("+1 415 555 0100")))
        .isEqualTo(tagOf(redactor.redact("+1-415-555-0100")))
        .isEqualTo(tagOf(redactor.redact("tel:+14155550100")));
    assertThat(tagOf(redactor.redact("DE89 3704 0044 0532 0130 00")))
        .isEqualTo(tagOf(redactor.redact("DE89370400440532013000")));
    assertThat(tagOf(redactor.redact("peer 2001:db8::1")))
        .isEqualTo(tagOf(redactor.redact("peer 2001:0DB8:0:0:0:0:0:0001")));
  }

  @Test
  void differentTenantKeysGiveDifferentTagsForTheSameValue() {
    Redactor other = new Redactor(RedactionPolicy.defaults(TestKeys.TENANT_B));
    String value = "call +1 415 555 0100";

    assertThat(tagOf(redactor.redact(value))).isNotEqualTo(tagOf(other.redact(value)));
    assertThat(kindOf(other.redact(value))).isEqualTo("PHONE");
  }

  @Test
  void cleanTextComesBackAsTheSameInstance() {
    String clean = "agent.execute.task finished in 1532 ms with status ok";
    assertThat(redactor.redact(clean)).isSameAs(clean);
    assertThat(redactor.redact("")).isSameAs("");
    assertThat(redactor.redact(null)).isNull();
    assertThat(redactor.redactWithReport(clean).changed()).isFalse();
  }

  @Test
  void reportsWhatItReplacedPerKind() {
    RedactionResult result = redactor.redactWithReport(
        "from a@example.com to b@example.com cc c@example.com, paid with 4111 1111 1111 1111");

    assertThat(result.counts()).containsExactly(
        java.util.Map.entry("EMAIL", 3), java.util.Map.entry("CARD", 1));
    assertThat(result.count(RedactionKind.EMAIL)).isEqualTo(3);
    assertThat(result.total()).isEqualTo(4);
    assertThat(result.summary()).isEqualTo("3 EMAIL, 1 CARD redacted");
    assertThat(redactor.redactWithReport("nothing here").summary()).isEqualTo("nothing redacted");
  }

  @Test
  void aMultiLinePemBlockIsReplacedWhole() {
    String pem = """
        -----BEGIN RSA PRIVATE KEY-----
        MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun
        VTLw7onLRnrq0/IzW7yWR7QkrmBL7jTKEn5u+qKhbwKfBstIs+bMY2Zkp18gnTxK
        -----END RSA PRIVATE KEY-----""";
    String text = "deploy key:\n" + pem + "\nend of config";

    RedactionResult result = redactor.redactWithReport(text);

    assertThat(result.text()).matches("deploy key:\n<PRIVATE_KEY:[0-9a-f]{8}>\nend of config");
    assertThat(result.counts()).containsOnlyKeys("PRIVATE_KEY");
    // the same key wrapped differently, or with escaped line breaks, correlates
    assertThat(tagOf(redactor.redact(pem.replace("\n", "\\n")))).isEqualTo(tagOf(result.text()));
  }

  @Test
  void aPublicKeyOrCertificateIsNotAPrivateKey() {
    String cert = "-----BEGIN CERTIFICATE-----\nMIIDdzCCAl+gAwIBAgIEAgAAuTANBgkqhkiG9w0BAQUFADBaMQswCQYDVQQGEwJJ\n"
        + "-----END CERTIFICATE-----";
    assertThat(redactor.redact(cert)).isSameAs(cert);
  }

  @Test
  void anEmailInsideAUrlIsReplacedAndTheUrlKept() {
    assertThat(redactor.redact("https://app.example.com/invite?to=ana.p@example.org&role=admin"))
        .matches("https://app\\.example\\.com/invite\\?to=<EMAIL:[0-9a-f]{8}>&role=admin");
  }

  @Test
  void theMostSpecificKindWinsWhereSpansOverlap() {
    String jwt = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0"
        + ".dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U";
    assertThat(redactor.redact("Authorization: Bearer " + jwt))
        .matches("Authorization: Bearer <JWT:[0-9a-f]{8}>");
    assertThat(redactor.redact("Authorization: Bearer " + "aegis_ab12cd34_" + "A".repeat(43)))
        .matches("Authorization: Bearer <API_KEY:[0-9a-f]{8}>");
    // an email-shaped span whose user part is a GitHub token: the union goes, named for the token
    assertThat(redactor.redact("https://ghp_" + "a1B2".repeat(9) + "@github.com/org/repo.git"))
        .matches("https://<API_KEY:[0-9a-f]{8}>/org/repo\\.git");
    assertThat(redactor.redact("OPENAI_API_KEY=sk-" + "Ab3".repeat(16)))
        .matches("OPENAI_API_KEY=<API_KEY:[0-9a-f]{8}>");
  }

  @Test
  void severalKindsInOneTextAreAllReplacedInPlace() {
    RedactionResult result = redactor.redactWithReport(
        "{\"user\":\"ana@example.com\",\"ip\":\"203.0.113.9\",\"card\":\"4111111111111111\",\"note\":\"ok\"}");
    assertThat(result.text()).matches(
        "\\{\"user\":\"<EMAIL:\\w{8}>\",\"ip\":\"<IP:\\w{8}>\",\"card\":\"<CARD:\\w{8}>\",\"note\":\"ok\"}");
    assertThat(result.total()).isEqualTo(3);
  }

  @Test
  void customPatternsAddKindsNamedByTheTenant() {
    Redactor custom = new Redactor(RedactionPolicy.defaults(TestKeys.TENANT_A)
        .withCustomPattern("employee_id", "\\bE-\\d{6}\\b")
        .withCustomPattern("ticket_secret", "ticket_secret=(?<value>[a-z0-9]+)"));

    RedactionResult result = custom.redactWithReport("E-123456 opened ticket_secret=abc123 for E-654321");

    assertThat(result.text()).matches(
        "<EMPLOYEE_ID:[0-9a-f]{8}> opened ticket_secret=<TICKET_SECRET:[0-9a-f]{8}> for <EMPLOYEE_ID:[0-9a-f]{8}>");
    assertThat(result.count("EMPLOYEE_ID")).isEqualTo(2);
    assertThat(result.count("TICKET_SECRET")).isEqualTo(1);
    assertThat(redactor.redact("E-123456 opened")).isEqualTo("E-123456 opened");
  }

  @Test
  void aBadCustomRegexIsRejectedWithItsName() {
    assertThatThrownBy(() -> RedactionPolicy.defaults(TestKeys.TENANT_A).withCustomPattern("employee_id", "E-(\\d{6"))
        .isInstanceOf(InvalidRedactionPolicyException.class)
        .hasMessageContaining("custom_patterns.employee_id")
        .hasMessageContaining("not a valid regular expression")
        .extracting(e -> ((InvalidRedactionPolicyException) e).setting())
        .isEqualTo("custom_patterns.employee_id");
  }

  @Test
  @Timeout(60) // a guard against hanging if the budget were missing, not a speed claim
  void aCatastrophicCustomPatternHidesTheWholeValueInsteadOfHanging() {
    Redactor custom = new Redactor(
        RedactionPolicy.defaults(TestKeys.TENANT_A).withCustomPattern("evil", "(.*a){10}b"));
    String value = "a".repeat(60);

    RedactionResult result = custom.redactWithReport(value);

    assertThat(result.text()).matches("<REDACTED:[0-9a-f]{8}>");
    assertThat(result.counts()).containsOnlyKeys("REDACTED");
    assertThat(custom.redact("aaaaaaaaaab")).matches("<EVIL:[0-9a-f]{8}>");
  }

  @Test
  void earlierReplacementsAreLeftAlone() {
    String once = redactor.redact("phone: +1 415 555 0100, mail ana@example.com");
    assertThat(redactor.redact(once)).isEqualTo(once);
    assertThat(redactor.redact("phone: <PHONE:12345678>")).isEqualTo("phone: <PHONE:12345678>");
  }

  @Test
  void concurrentUseGivesTheSameAnswers() throws Exception {
    List<String> inputs = List.of(
        "ana@example.com", "+44 20 7946 0958", "4111 1111 1111 1111", "DE89370400440532013000",
        "Authorization: Bearer 8f14e45fceea167a5a36dedd4bea2543", "203.0.113.7", "plain text");
    List<String> expected = inputs.stream().map(redactor::redact).toList();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Boolean>> runs = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        runs.add(pool.submit(() -> {
          for (int round = 0; round < 2_000; round++) {
            int i = round % inputs.size();
            if (!redactor.redact(inputs.get(i)).equals(expected.get(i))) {
              return false;
            }
          }
          return true;
        }));
      }
      for (Future<Boolean> run : runs) {
        assertThat(run.get()).isTrue();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void toStringNeverShowsTheHashKey() {
    String key = new String(TestKeys.TENANT_A, StandardCharsets.US_ASCII);
    String hex = HexFormat.of().formatHex(TestKeys.TENANT_A);
    String base64 = Base64.getEncoder().encodeToString(TestKeys.TENANT_A);

    for (String shown : List.of(redactor.toString(), redactor.policy().toString())) {
      assertThat(shown).contains("hashKey=(hidden)").doesNotContain(key).doesNotContain(hex).doesNotContain(base64)
          .doesNotContain("tenant-a");
    }
  }

  private static String tagOf(String redacted) {
    Matcher m = MARKER.matcher(redacted);
    assertThat(m.find()).as("a replacement in %s", redacted).isTrue();
    return m.group(2);
  }

  private static String kindOf(String redacted) {
    Matcher m = MARKER.matcher(redacted);
    assertThat(m.find()).as("a replacement in %s", redacted).isTrue();
    return m.group(1);
  }
}
