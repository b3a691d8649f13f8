package dev.aegis.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every file under {@code policy/broken} is refused with exactly the errors listed for it in {@code expected.txt},
 * each with a sentence; {@code (document)} stands for the empty pointer (the whole document, e.g. a syntax error).
 */
class BrokenPolicyCorpusTest {
  static Stream<Arguments> corpus() {
    List<Arguments> out = new ArrayList<>();
    for (String line : Policies.resource("broken/expected.txt").split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] parts = line.trim().split("\\s+");
      List<String> pointers =
          Arrays.stream(parts, 1, parts.length).map(p -> p.equals("(document)") ? "" : p).toList();
      out.add(Arguments.of(parts[0], pointers));
    }
    return out.stream();
  }

  @Test
  void theCorpusHasAtLeast25BrokenPolicies() {
    assertThat(corpus().count()).isGreaterThanOrEqualTo(25);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void eachBrokenPolicyIsRefusedWithItsPointers(String file, List<String> pointers) {
    PolicyParseResult result =
        PolicyParser.parse(Policies.resource("broken/" + file), PolicyFormat.fromFileName(file));
    assertThat(result).as(file).isInstanceOf(PolicyParseResult.Invalid.class);
    List<PolicyError> errors = ((PolicyParseResult.Invalid) result).errors();
    assertThat(errors).extracting(PolicyError::pointer).as(file + ": " + errors).containsExactlyElementsOf(pointers);
    assertThat(errors).allSatisfy(e -> assertThat(e.message()).hasSizeGreaterThan(15));
  }
}
