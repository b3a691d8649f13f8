package dev.aegis.cli;

import dev.aegis.cli.support.CliContext;
import dev.aegis.cli.support.UsageException;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code aegis help [COMMAND...]}: the same text as {@code --help}, for those who type it this way. */
@Command(name = "help", description = "Show the help of a command, such as: aegis help keys create")
final class HelpCommand implements Runnable {
  private final CliContext context;

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "COMMAND", arity = "0..*", description = "The command, with its subcommands.")
  List<String> path = List.of();

  HelpCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public void run() {
    CommandLine target = spec.root().commandLine();
    for (String name : path) {
      CommandLine next = target.getSubcommands().get(name);
      if (next == null) {
        throw new UsageException(
            "no command '" + name + "' under '" + target.getCommandSpec().qualifiedName() + "'; it has: "
                + String.join(", ", target.getSubcommands().keySet()));
      }
      target = next;
    }
    target.usage(context.out());
  }
}
