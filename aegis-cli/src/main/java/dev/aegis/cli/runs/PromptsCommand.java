package dev.aegis.cli.runs;

import dev.aegis.cli.support.CliContext;
import dev.aegis.cli.support.Json;
import dev.aegis.cli.support.OutputFormat;
import dev.aegis.client.PromptUsage;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code aegis prompts show}: which model calls, in which runs, used one prompt. */
@Command(
    name = "prompts",
    description = "Follow prompt lineage: find the model calls and runs that used a prompt, by its hash.",
    synopsisSubcommandLabel = "COMMAND",
    subcommands = {PromptsCommand.Show.class},
    footerHeading = "%nExample:%n",
    footer = "  aegis prompts show sha256:9f86d081884c7d659a2feaa0c55ad015")
public final class PromptsCommand implements Runnable {
  private final CliContext context;

  @Spec CommandSpec spec;

  PromptsCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public void run() {
    spec.commandLine().usage(context.out());
  }

  @Command(
      name = "show",
      description = "Show the latest model calls that used a prompt hash (prompt.hash), newest first.",
      footerHeading = "%nExamples:%n",
      footer = {
        "  aegis prompts show sha256:9f86d081884c7d659a2feaa0c55ad015",
        "  aegis prompts show sha256:9f86d081884c7d659a2feaa0c55ad015 --limit 200 -o json"
      })
  static final class Show implements Callable<Integer> {
    private final CliContext context;

    @Parameters(paramLabel = "HASH", description = "The prompt hash, as the agent sent it.")
    String hash;

    @Option(names = "--limit", paramLabel = "N", description = "At most N model calls, 1 to 500 (default: 50).")
    int limit = 50;

    Show(CliContext context) {
      this.context = context;
    }

    @Override
    public Integer call() {
      PromptUsage usage = context.client().runs().byPromptHash(hash, limit);
      if (context.output() == OutputFormat.JSON) {
        context.out().println(Json.pretty(usage));
      } else {
        context.out().println("prompt " + usage.promptHash() + ": " + usage.snapshots().size()
            + (usage.truncated() ? "+" : "") + " model calls in " + usage.runs().size()
            + (usage.runs().size() == 1 ? " run" : " runs"));
        context.out().println();
        context.print(RunViews.promptUsage(usage, context.width()));
        if (usage.truncated()) {
          context.err().println("more: aegis prompts show " + hash + " --limit " + Math.min(500, limit * 2));
          context.err().flush();
        }
      }
      context.out().flush();
      return 0;
    }
  }
}
