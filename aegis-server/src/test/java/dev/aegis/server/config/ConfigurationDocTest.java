package dev.aegis.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** docs/configuration.md has one table of every key, and the README a short one; both must match the registry. */
class ConfigurationDocTest {
  private static final Path DOC = Path.of("..", "docs", "configuration.md");
  private static final Path README = Path.of("..", "README.md");

  @Test
  void tableMatchesTheRegistry() throws IOException {
    List<String> documented = new ArrayList<>();
    boolean inTable = false;
    for (String line : Files.readAllLines(DOC)) {
      if (line.startsWith("| key |")) {
        inTable = true;
      } else if (inTable && line.startsWith("|---")) {
        continue;
      } else if (inTable && line.startsWith("|")) {
        documented.add(line.strip());
      } else if (inTable) {
        break;
      }
    }

    List<String> expected = new ArrayList<>();
    for (ConfigKey key : ConfigKeys.all()) {
      expected.add(row(code(key.name()), code(key.envVar()), key.flag() == null ? "" : code(key.flag()),
          key.defaultValue().isEmpty() ? "(empty)" : code(key.defaultValue()), key.type().validValues(),
          key.description()));
    }
    expected.add(row("(config file)", code(ConfigKeys.CONFIG_FILE_ENV), code(ConfigKeys.CONFIG_FILE_FLAG), "(none)",
        "a path to a YAML file", "The configuration file to read; see above."));

    assertThat(documented)
        .as("the table in %s; expected rows:%n%s%n", DOC, String.join(System.lineSeparator(), expected))
        .containsExactlyElementsOf(expected);
  }

  @Test
  void readmeTableNamesEveryKeyWithItsEnvVarFlagAndDefault() throws IOException {
    List<String> readme = Files.readAllLines(README);
    for (ConfigKey key : ConfigKeys.all()) {
      String start = "| " + code(key.name()) + " | " + code(key.envVar()) + " | "
          + (key.flag() == null ? "" : code(key.flag()) + " ") + "| ";
      assertThat(readme)
          .as("README.md has a configuration row for %s starting with %s", key.name(), start)
          .anySatisfy(line -> {
            assertThat(line).startsWith(start);
            if (!key.defaultValue().isEmpty()) {
              assertThat(line).contains(code(key.defaultValue()));
            }
          });
    }
  }

  private static String row(String... cells) {
    return "| " + String.join(" | ", cells) + " |";
  }

  private static String code(String text) {
    return "`" + text + "`";
  }
}
