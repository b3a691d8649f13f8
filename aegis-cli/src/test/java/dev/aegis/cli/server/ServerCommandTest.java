package dev.aegis.cli.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aegis.cli.Cli;
import dev.aegis.cli.Main;
import dev.aegis.cli.support.CliContext;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.ParseResult;

class ServerCommandTest {
  @TempDir Path workDir;

  private ServerCommand parse(Map<String, String> env, String... args) {
    CliContext context = Cli.context(new StringWriter(), new StringWriter(), env, workDir);
    ParseResult parsed = Main.commandLine(context).parseArgs(args);
    return (ServerCommand) parsed.subcommand().commandSpec().userObject();
  }

  @Test
  void flagsBecomeDottedConfigKeysOnlyWhenGiven() {
    assertThat(parse(Map.of(), "server", "--host", "0.0.0.0", "--port", "8080", "--data", "/srv/aegis").flags())
        .containsExactly(
            Map.entry("server.host", "0.0.0.0"), Map.entry("server.port", "8080"), Map.entry("data.dir", "/srv/aegis"));
    assertThat(parse(Map.of(), "server").flags()).isEmpty();
  }

  @Test
  void configFileComesFromTheFlagElseAegisConfig() {
    assertThat(parse(Map.of("AEGIS_CONFIG", "env.yaml"), "server", "--config", "flag.yaml").configFile())
        .isEqualTo(Path.of("flag.yaml"));
    assertThat(parse(Map.of("AEGIS_CONFIG", "env.yaml"), "server").configFile()).isEqualTo(Path.of("env.yaml"));
    assertThat(parse(Map.of(), "server").configFile()).isNull();
  }
}
