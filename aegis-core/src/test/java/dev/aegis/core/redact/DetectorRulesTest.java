package dev.aegis.core.redact;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.List;
import org.junit.jupiter.api.Test;

class DetectorRulesTest {
  @Test
  void luhnAcceptsTestCardsAndRejectsOffByOne() {
    assertThat(Checksums.luhn("4111111111111111")).isTrue();
    assertThat(Checksums.luhn("378282246310005")).isTrue();
    assertThat(Checksums.luhn("4111111111111112")).isFalse();
    assertThat(Checksums.luhn("378282246310006")).isFalse();
  }

  @Test
  void mod97AcceptsRegistryExamplesAndRejectsAnyChangedDigit() {
    assertThat(Checksums.ibanMod97("DE89370400440532013000")).isTrue();
    assertThat(Checksums.ibanMod97("GB82WEST12345698765432")).isTrue();
    assertThat(Checksums.ibanMod97("DE89370400440532013001")).isFalse();
    assertThat(Checksums.ibanMod97("DE98370400440532013000")).isFalse();
    assertThat(Checksums.ibanMod97("de89370400440532013000")).isFalse();
  }

  @Test
  void cardIssuerPrefixesFitTheirLengths() {
    assertThat(CardDetector.issuerAccepts("4111111111111111")).isTrue();
    assertThat(CardDetector.issuerAccepts("41111111111111111")).isFalse(); // Visa has no 17-digit numbers
    assertThat(CardDetector.issuerAccepts("378282246310005")).isTrue();
    assertThat(CardDetector.issuerAccepts("3782822463100050")).isFalse(); // Amex is 15 digits
    assertThat(CardDetector.issuerAccepts("2221000000000009")).isTrue();
    assertThat(CardDetector.issuerAccepts("2100000000000000")).isFalse();
    assertThat(CardDetector.issuerAccepts("1732491612345678")).isFalse(); // epoch micros
    assertThat(CardDetector.issuerAccepts("9999999999999995")).isFalse();
  }

  @Test
  void ssnAreasThatAreNeverIssuedAreSkipped() {
    assertThat(SsnDetector.issuable("123456789")).isTrue();
    assertThat(SsnDetector.issuable("000456789")).isFalse();
    assertThat(SsnDetector.issuable("666456789")).isFalse();
    assertThat(SsnDetector.issuable("912456789")).isFalse();
    assertThat(SsnDetector.issuable("123006789")).isFalse();
    assertThat(SsnDetector.issuable("123450000")).isFalse();
  }

  @Test
  void ipv6IsNormalizedToEightPlainGroups() {
    assertThat(IpDetector.normalizeV6("2001:db8::1")).isEqualTo("2001:db8:0:0:0:0:0:1");
    assertThat(IpDetector.normalizeV6("2001:0DB8:0000:0000:0000:0000:0000:0001")).isEqualTo("2001:db8:0:0:0:0:0:1");
    assertThat(IpDetector.normalizeV6("::ffff:192.0.2.128")).isEqualTo("0:0:0:0:0:ffff:c000:280");
    assertThat(IpDetector.normalizeV6("fe80::")).isNull(); // one written group only
    assertThat(IpDetector.normalizeV6("1::2::3")).isNull();
    assertThat(IpDetector.normalizeV6("10:00:00")).isNull();
    assertThat(IpDetector.normalizeV6("00:1A:2B:3C:4D:5E")).isNull();
    assertThat(IpDetector.normalizeV6("12345::1")).isNull();
    assertThat(IpDetector.normalizeV6("1:2:3:4:5:6:7:8:9")).isNull();
  }

  @Test
  void globsMatchWholeKeysWithStarsAnywhere() {
    assertThat(new KeyRules.Glob("user.*").matches("user.email")).isTrue();
    assertThat(new KeyRules.Glob("user.*").matches("user")).isFalse();
    assertThat(new KeyRules.Glob("user.*").matches("superuser.email")).isFalse();
    assertThat(new KeyRules.Glob("*password*").matches("db.password_hash")).isTrue();
    assertThat(new KeyRules.Glob("gen_ai.prompt.*.content").matches("gen_ai.prompt.3.content")).isTrue();
    assertThat(new KeyRules.Glob("gen_ai.prompt.*.content").matches("gen_ai.prompt.content")).isFalse();
    assertThat(new KeyRules.Glob("run.id").matches("run.id")).isTrue();
    assertThat(new KeyRules.Glob("run.id").matches("run.ids")).isFalse();
    assertThat(new KeyRules.Glob("*").matches("anything")).isTrue();
    assertThat(new KeyRules.Glob("a*b*c").matches("a-b-c")).isTrue();
    assertThat(new KeyRules.Glob("a*b*c").matches("a-c-b")).isFalse();
    assertThat(new KeyRules.Glob("HTTP.*").matches("http.route")).isTrue();
    assertThat(new KeyRules.Glob("http.request.header.*").specificity())
        .isGreaterThan(new KeyRules.Glob("http.*").specificity());
  }

  @Test
  void ordinaryAttributeValuesNeverReachADetector() {
    for (String clean : List.of("gpt-4o", "agent.execute.task", "summarizer-12", "document-summarize", "200",
        "us-east-1", "production", "4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7", "POST",
        "/v1/chat/completions", "The agent summarized the document.", "2026-05-29T10:15:02Z",
        "sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08")) {
      assertThat(Prescan.scan(clean)).as(clean).isZero();
    }
    assertThat(Prescan.scan("ana@example.com") & Prescan.AT).isNotZero();
    assertThat(Prescan.scan("call +1 415") & Prescan.PLUS_DIGIT).isNotZero();
    assertThat(Prescan.scan("4111 1111 1111 1111") & Prescan.SEQ13).isNotZero();
    assertThat(Prescan.scan("x eyJhbGci") & Prescan.JWT).isNotZero();
    assertThat(Prescan.scan("Password: x") & Prescan.SECRET_WORD).isNotZero();
    assertThat(Prescan.scan("password policy") & Prescan.SECRET_WORD).isZero();
  }

  @Test
  void cleanValuesAreReturnedWithoutAllocating() {
    Redactor redactor = new Redactor(RedactionPolicy.defaults(TestKeys.TENANT_A));
    String[] clean = {"gpt-4o", "agent.execute.task", "4bf92f3577b34da6a3ce929d0e0e4736", "/v1/chat/completions",
        "2026-05-29T10:15:02Z", "The agent summarized 12 documents."};
    var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    for (int i = 0; i < 20_000; i++) {
      redactor.redact(clean[i % clean.length]);
    }

    long before = threads.getCurrentThreadAllocatedBytes();
    for (int i = 0; i < 100_000; i++) {
      if (redactor.redact(clean[i % clean.length]) != clean[i % clean.length]) {
        throw new AssertionError("a clean value changed");
      }
    }
    long allocated = threads.getCurrentThreadAllocatedBytes() - before;

    // one allocation per call would be at least 1.6 MB; allow for the measurement itself
    assertThat(allocated).isLessThan(10_000);
  }
}
