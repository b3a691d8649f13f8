package dev.aegis.cli;

import dev.aegis.cli.alerts.AlertsCommand;
import dev.aegis.cli.audit.AuditCommand;
import dev.aegis.cli.budgets.BudgetsCommand;
import dev.aegis.cli.decisions.DecideCommand;
import dev.aegis.cli.decisions.DecisionsCommand;
import dev.aegis.cli.demo.DemoCommand;
import dev.aegis.cli.keys.KeysCommand;
import dev.aegis.cli.keys.WhoamiCommand;
import dev.aegis.cli.policy.PolicyCommand;
import dev.aegis.cli.ratecaps.RateCapsCommand;
import dev.aegis.cli.runs.PromptsCommand;
import dev.aegis.cli.runs.RunsCommand;
import dev.aegis.cli.runs.TracesCommand;
import dev.aegis.cli.server.ServerCommand;
import dev.aegis.cli.support.CliContext;
import dev.aegis.cli.tenants.TenantsCommand;
import dev.aegis.cli.webhooks.WebhooksCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The top {@code aegis} command: global options, and the list of subcommands. */
@Command(
    name = "aegis",
    versionProvider = VersionCommand.Provider.class,
    description = "The control plane for AI agents in production.",
    synopsisSubcommandLabel = "COMMAND",
    subcommands = {
      DemoCommand.class,
      ServerCommand.class,
      TenantsCommand.class,
      KeysCommand.class,
      RunsCommand.class,
      TracesCommand.class,
      PromptsCommand.class,
      WhoamiCommand.class,
      AuditCommand.class,
      BudgetsCommand.class,
      AlertsCommand.class,
      WebhooksCommand.class,
      PolicyCommand.class,
      DecideCommand.class,
      DecisionsCommand.class,
      RateCapsCommand.class,
      VersionCommand.class,
      HelpCommand.class
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  aegis demo                  a narrated tour on a throwaway server",
      "  aegis server                run Aegis on 127.0.0.1:4318",
      "  aegis tenants create acme   acts with ./aegis-data/admin.key",
      "  aegis keys create --tenant acme --name bot --role agent",
      "  AEGIS_KEY=aegis_... aegis whoami -o json",
      "  aegis runs list --status error --since -1h",
      "  aegis runs tree run-20260529-01",
      "  aegis policy apply summarizer.json --comment 'first version'",
      "  aegis decide --agent summarizer-12 --action write:summaries --connector db",
      "",
      "Exit status: 0 done, 1 refused by the server, unreachable, or a failed check",
      "(policy validate, policy test), 2 wrong usage.",
      "Every command has --help with examples; docs/api.md describes the HTTP API."
    })
final class AegisCommand implements Runnable {
  private final CliContext context;

  @Spec CommandSpec spec;

  @Mixin dev.aegis.cli.support.GlobalOptions global;

  @Option(
      names = {"-V", "--version"},
      versionHelp = true,
      description = "Print the version and exit.")
  boolean version;

  AegisCommand(CliContext context) {
    this.context = context;
    this.global = context.options();
  }

  @Override
  public void run() {
    spec.commandLine().usage(context.out());
  }
}
