package dev.aegis.cli.policy;

import dev.aegis.cli.support.CliContext;
import dev.aegis.cli.support.ExitCodes;
import dev.aegis.cli.support.Json;
import dev.aegis.cli.support.OutputFormat;
import dev.aegis.cli.support.UsageException;
import dev.aegis.client.AppliedPolicy;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code aegis policy rollback} and {@code delete}: changes that need no file. */
final class PolicyChangeCommands {
  private PolicyChangeCommands() {}

  @Command(
      name = "rollback",
      description = {
        "Put an earlier version's document back in force.",
        "History is never rewritten: the rollback is a new version that copies the old document. Find "
            + "the version with: aegis policy history POLICY_ID. Works on a deleted policy too. Needs an admin "
            + "key."
      },
      footerHeading = "%nExamples:%n",
      footer = {
        "  aegis policy rollback policy-agent-summarizer --to 1",
        "  aegis policy rollback policy-agent-summarizer --to 1 --comment 'v2 broke it'"
      })
  static final class Rollback implements Callable<Integer> {
    private final CliContext context;

    @Parameters(paramLabel = "POLICY_ID", description = "The policy's id.")
    String policyId;

    @Option(names = "--to", required = true, paramLabel = "N", description = "The version whose document to restore.")
    int to;

    @Option(names = "--comment", paramLabel = "TEXT", description = "Why, for the history.")
    String comment;

    Rollback(CliContext context) {
      this.context = context;
    }

    @Override
    public Integer call() {
      if (to < 1) {
        throw new UsageException("--to is a version number from 1, was " + to);
      }
      AppliedPolicy applied = context.client().policies().rollback(policyId, to, comment);
      PrintWriter out = context.out();
      if (context.output() == OutputFormat.JSON) {
        out.println(Json.pretty(applied));
      } else if (!applied.changed()) {
        out.println(applied.policy().ref() + " already has the document of @" + to + "; nothing was stored.");
      } else {
        out.println("Rolled " + policyId + " back to the document of @" + to + ": " + applied.policy().ref()
            + " is in force now.");
      }
      out.flush();
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "delete",
      description = {
        "Delete a policy: it stops applying at once.",
        "Agents it granted something are denied that unless another policy grants it. A new version "
            + "records the deletion; the history stays, and a rollback brings the policy back. Needs an admin "
            + "key. Prints nothing with -o json (the API says 204)."
      },
      footerHeading = "%nExample:%n",
      footer = "  aegis policy delete policy-agent-summarizer")
  static final class Delete implements Callable<Integer> {
    private final CliContext context;

    @Parameters(paramLabel = "POLICY_ID", description = "The policy's id.")
    String policyId;

    Delete(CliContext context) {
      this.context = context;
    }

    @Override
    public Integer call() {
      context.client().policies().delete(policyId);
      if (context.output() != OutputFormat.JSON) {
        PrintWriter out = context.out();
        out.println("Deleted " + policyId + "; it no longer applies to any agent.");
        out.println("  its versions:  aegis policy history " + policyId);
        out.println("  bring it back: aegis policy rollback " + policyId + " --to N");
      }
      context.out().flush();
      return ExitCodes.OK;
    }
  }
}
