package dev.aegis.core.redact;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RedactionCorpusTest {
  private static final Redactor REDACTOR = new Redactor(RedactionPolicy.defaults(TestKeys.TENANT_A));

  record Catch(String kind, String before, String secret, String after) {
    String text() {
      return before + secret + after;
    }

    @Override
    public String toString() {
      return kind + ": " + text();
    }
  }

  static Stream<Catch> mustCatch() {
    List<Catch> cases = new ArrayList<>();
    for (String line : lines("redact/must-catch.txt")) {
      String[] parts = line.split("\\s+", 2);
      int open = parts[1].indexOf('«');
      int close = parts[1].indexOf('»');
      if (open < 0 || close < open || parts[1].indexOf('«', open + 1) >= 0) {
        throw new IllegalStateException("a must-catch line marks exactly one value with « and »: " + line);
      }
      cases.add(new Catch(parts[0], parts[1].substring(0, open), parts[1].substring(open + 1, close),
          parts[1].substring(close + 1)));
    }
    return cases.stream();
  }

  static Stream<String> mustSurvive() {
    return lines("redact/must-survive.txt").stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("mustCatch")
  void catchesExactlyTheMarkedValueWithItsKind(Catch c) {
    RedactionResult result = REDACTOR.redactWithReport(c.text());

    assertThat(result.text())
        .doesNotContain(c.secret())
        .matches(Pattern.quote(c.before()) + "<" + c.kind() + ":[0-9a-f]{8}>" + Pattern.quote(c.after()));
    assertThat(result.counts()).containsExactly(java.util.Map.entry(c.kind(), 1));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("mustSurvive")
  void leavesOrdinaryValuesAlone(String value) {
    RedactionResult result = REDACTOR.redactWithReport(value);

    assertThat(result.text()).isSameAs(value);
    assertThat(result.counts()).isEmpty();
  }

  @Test
  void theCorpusIsAsLargeAsPromised() {
    assertThat(mustCatch().count()).isGreaterThanOrEqualTo(120);
    assertThat(mustSurvive().count()).isGreaterThanOrEqualTo(120);
    assertThat(mustCatch().map(Catch::kind).distinct())
        .containsExactlyInAnyOrder("EMAIL", "PHONE", "CARD", "IBAN", "SSN", "IP", "JWT", "BEARER", "API_KEY",
            "SECRET", "PRIVATE_KEY");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("mustCatch")
  void redactingTwiceChangesNothing(Catch c) {
    String once = REDACTOR.redact(c.text());
    assertThat(REDACTOR.redact(once)).isEqualTo(once);
  }

  private static List<String> lines(String resource) {
    InputStream in = RedactionCorpusTest.class.getClassLoader().getResourceAsStream(resource);
    if (in == null) {
      throw new IllegalStateException("missing test resource " + resource);
    }
    List<String> out = new ArrayList<>();
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (!line.isBlank() && !line.startsWith("#")) {
          out.add(line);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }
}
