package dev.aegis.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aegis.cli.support.CliContext;
import dev.aegis.cli.support.OutputFormat;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

class ArgumentParsingTest {
  @TempDir Path workDir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private CliContext context() {
    return Cli.context(out, err, Map.of(), workDir);
  }

  private static ParseResult leaf(ParseResult result) {
    while (result.hasSubcommand()) {
      result = result.subcommand();
    }
    return result;
  }

  @Test
  void globalOptionsWorkBeforeAndAfterTheCommand() {
    CliContext before = context();
    Main.commandLine(before).parseArgs("--url", "http://a:1", "-o", "json", "tenants", "list");
    assertThat(before.options().url()).isEqualTo("http://a:1");
    assertThat(before.output()).isEqualTo(OutputFormat.JSON);

    CliContext after = context();
    Main.commandLine(after).parseArgs("tenants", "list", "--url", "http://b:2", "--key", "k", "--output", "JSON");
    assertThat(after.options().url()).isEqualTo("http://b:2");
    assertThat(after.options().key()).isEqualTo("k");
    assertThat(after.output()).isEqualTo(OutputFormat.JSON);
  }

  @Test
  void outputDefaultsToTable() {
    CliContext context = context();
    Main.commandLine(context).parseArgs("whoami");
    assertThat(context.output()).isEqualTo(OutputFormat.TABLE);
  }

  @Test
  void rolesRepeatOrSplitOnCommas() {
    ParseResult parsed =
        leaf(
            Main.commandLine(context())
                .parseArgs("keys", "create", "-t", "acme", "--name", "ops", "--role", "operator,approver", "--role", "agent"));

    assertThat(parsed.commandSpec().name()).isEqualTo("create");
    assertThat(parsed.matchedOptionValue("--role", List.<String>of())).containsExactly("operator", "approver", "agent");
    assertThat(parsed.matchedOptionValue("--tenant", "")).isEqualTo("acme");
  }

  @Test
  void missingRequiredOptionIsAUsageErrorWithExit2() {
    int code = Main.run(context(), "keys", "create", "--name", "x");

    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("Missing required options: '--tenant=TENANT', '--role=ROLE'");
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void unknownCommandIsExit2() {
    assertThat(Main.run(context(), "tenant", "list")).isEqualTo(2);
    assertThat(err.toString()).contains("Unmatched arguments from index 0: 'tenant', 'list'")
        .contains("Did you mean: aegis tenants");
  }

  @Test
  void badOutputFormatSaysWhatIsAllowed() {
    assertThat(Main.run(context(), "whoami", "-o", "yaml")).isEqualTo(2);
    assertThat(err.toString()).contains("expected table or json, was 'yaml'");
  }

  @Test
  void limitOutOfRangeIsExit2BeforeAnyCall() {
    int code = Main.run(context(), "tenants", "list", "--limit", "0", "--url", "http://127.0.0.1:9");

    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("--limit must be between 1 and 500, was 0");
  }

  @Test
  void aUrlWithoutSchemeIsExit2() {
    int code = Main.run(context(), "whoami", "--url", "127.0.0.1:4318");

    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("--url must look like http://127.0.0.1:4318, was '127.0.0.1:4318'");
  }

  @Test
  void serverAndVersionDoNotOfferClientOptions() {
    CommandLine commandLine = Main.commandLine(context());
    for (String local : List.of("server", "version")) {
      var options = commandLine.getSubcommands().get(local).getCommandSpec().options();
      assertThat(options).extracting(o -> o.longestName()).doesNotContain("--url", "--key", "--output").contains("--help");
    }
    assertThat(commandLine.getSubcommands().get("demo").getCommandSpec().findOption("--url")).isNotNull();
  }

  @Test
  void everyCommandHasHelpWithExamplesExceptTheTrivialOnes() {
    CommandLine root = Main.commandLine(context());
    assertHelp(root);
  }

  private void assertHelp(CommandLine command) {
    String name = command.getCommandSpec().qualifiedName();
    assertThat(command.getCommandSpec().findOption("--help")).as(name + " --help").isNotNull();
    if (!List.of("aegis version", "aegis help").contains(name)) {
      assertThat(command.getUsageMessage()).as(name + " help").contains("Example");
    }
    command.getSubcommands().values().forEach(this::assertHelp);
  }

  @Test
  void helpIsExit0AndFitsEightyColumns() {
    for (String[] args :
        List.of(
            new String[] {"--help"},
            new String[] {"keys", "create", "--help"},
            new String[] {"help", "tenants", "list"},
            new String[] {"server", "-h"},
            new String[] {"demo", "--help"})) {
      StringWriter text = new StringWriter();
      int code = Main.run(Cli.context(text, err, Map.of(), workDir), args);
      assertThat(code).as(String.join(" ", args)).isEqualTo(0);
      assertThat(text.toString()).startsWith("Usage: aegis");
      assertThat(text.toString().lines()).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(80));
    }
  }

  @Test
  void versionPrintsTheFilteredVersionAndJava() {
    int code = Main.run(context(), "version");

    assertThat(code).isZero();
    assertThat(out.toString())
        .startsWith("aegis ")
        .doesNotContain("${")
        .doesNotContain("unknown")
        .contains("Java " + System.getProperty("java.version"));
  }

  @Test
  void theBareCommandPrintsHelp() {
    assertThat(Main.run(context())).isZero();
    assertThat(out.toString()).startsWith("Usage: aegis").contains("Commands:");
  }
}
