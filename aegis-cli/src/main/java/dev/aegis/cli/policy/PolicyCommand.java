package dev.aegis.cli.policy;

import dev.aegis.cli.support.CliContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code aegis policy}: policies as code, from a file to the server and back, with tests and simulations. */
@Command(
    name = "policy",
    description = {
      "Policies as code: validate, test, simulate, apply, read, undo.",
      "A policy says what agents may do, on which connectors, how often, and what needs a person's "
          + "approval. Every change makes a new version; nothing is overwritten. validate and test work "
          + "offline (use them in CI); the rest talk to the server. Changing needs an admin key; reading an "
          + "admin, operator or approver key. The policy format: docs/policies.md."
    },
    synopsisSubcommandLabel = "COMMAND",
    subcommands = {
      ValidateCommand.class,
      ApplyCommand.class,
      PolicyReadCommands.ListPolicies.class,
      PolicyReadCommands.Show.class,
      DiffCommand.class,
      PolicyReadCommands.History.class,
      PolicyChangeCommands.Rollback.class,
      PolicyChangeCommands.Delete.class,
      ExplainCommand.class,
      TestCommand.class,
      SimulateCommand.class
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  aegis policy validate summarizer.json         offline; exit 1 when invalid",
      "  aegis policy test summarizer.json cases.yaml  offline; exit 1 on a failure",
      "  aegis policy simulate summarizer.json         what it would change, first",
      "  aegis policy apply summarizer.json --comment 'lower the size threshold'",
      "  aegis policy diff policy-agent-summarizer     what the last change changed",
      "  aegis policy rollback policy-agent-summarizer --to 1",
      "  aegis policy explain summarizer-12            what an agent may do, and why"
    })
public final class PolicyCommand implements Runnable {
  private final CliContext context;

  @Spec CommandSpec spec;

  PolicyCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public void run() {
    spec.commandLine().usage(context.out());
  }
}
