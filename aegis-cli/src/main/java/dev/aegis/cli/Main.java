package dev.aegis.cli;

import dev.aegis.cli.support.CliContext;
import dev.aegis.cli.support.CommandFactory;
import dev.aegis.cli.support.ErrorHandler;
import dev.aegis.cli.support.GlobalOptions;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** Entry point of the distribution: runs one {@code aegis} command and exits with its status. */
public final class Main {
  /** Commands that never talk to a server, so the client options would only clutter their help. */
  private static final List<String> LOCAL_COMMANDS = List.of("server", "version");

  private Main() {}

  public static void main(String[] args) {
    Charset charset = Charset.forName(System.getProperty("stdout.encoding", Charset.defaultCharset().name()));
    CliContext context =
        new CliContext(
            new PrintWriter(System.out, true, charset),
            new PrintWriter(System.err, true, charset),
            System.getenv(),
            Path.of("").toAbsolutePath());
    System.exit(run(context, args));
  }

  /** Runs one command line in {@code context} and returns the exit status; tests call this directly. */
  public static int run(CliContext context, String... args) {
    try (context) {
      return commandLine(context).execute(args);
    }
  }

  /** The whole command tree, printing to the context's writers. */
  public static CommandLine commandLine(CliContext context) {
    CommandLine commandLine = new CommandLine(new AegisCommand(context), new CommandFactory(context));
    commandLine
        .setCaseInsensitiveEnumValuesAllowed(true)
        .setOut(context.out())
        .setErr(context.err())
        .setExecutionExceptionHandler(new ErrorHandler(context));
    for (String name : LOCAL_COMMANDS) {
      CommandSpec spec = commandLine.getSubcommands().get(name).getCommandSpec();
      for (OptionSpec option : List.copyOf(spec.options())) {
        if (option.inherited() && GlobalOptions.CLIENT_OPTIONS.contains(option.longestName())) {
          spec.remove(option);
        }
      }
    }
    keepDeclaredOrder(commandLine);
    return commandLine;
  }

  /** A command's own options first, in the order written, then the global ones. */
  private static void keepDeclaredOrder(CommandLine commandLine) {
    commandLine.getCommandSpec().usageMessage().sortOptions(false);
    commandLine.getSubcommands().values().forEach(Main::keepDeclaredOrder);
  }
}
