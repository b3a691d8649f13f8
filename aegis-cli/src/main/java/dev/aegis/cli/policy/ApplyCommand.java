package dev.aegis.cli.policy;

import dev.aegis.cli.support.CliContext;
import dev.aegis.cli.support.ExitCodes;
import dev.aegis.cli.support.Json;
import dev.aegis.cli.support.OutputFormat;
import dev.aegis.cli.support.UsageException;
import dev.aegis.client.AppliedPolicy;
import dev.aegis.client.ApplyOptions;
import dev.aegis.client.Policy;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code aegis policy apply FILE}: stores a policy file as the policy's next version. */
@Command(
    name = "apply",
    description = {
      "Store a policy file as the policy's next version, in force at once.",
      "The policy is the one the file's policy_id names. The file is checked first, offline: when it "
          + "is not valid, every error is listed and nothing is sent. Applying the document the policy "
          + "already has stores nothing, so it is safe to run on every deploy. The text is kept verbatim "
          + "(aegis policy show --source). Needs an admin key."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  aegis policy apply summarizer.json --comment 'lower the size threshold'",
      "  aegis policy apply summarizer.yaml --if-version 3",
      "      refused (412) if someone changed the policy since @3",
      "  aegis policy apply new-policy.json --create-only",
      "      refused (412) if the policy exists already"
    })
final class ApplyCommand implements Callable<Integer> {
  private final CliContext context;

  @Parameters(paramLabel = "FILE", description = "The policy file, JSON or YAML.")
  String file;

  @Option(names = "--comment", paramLabel = "TEXT", description = "Why, for the history (up to 1000 characters).")
  String comment;

  @ArgGroup(exclusive = true)
  Precondition precondition;

  /** At most one of the two preconditions. */
  static final class Precondition {
    @Option(
        names = "--if-version",
        paramLabel = "N",
        description = "Store only if @N is still the latest version (else 412: read it again, then retry).")
    Integer ifVersion;

    @Option(names = "--create-only", description = "Store only if the policy does not exist yet (else 412).")
    boolean createOnly;
  }

  ApplyCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    PolicyFile policy = PolicyFile.read(context.workDir(), file);
    if (!policy.valid()) {
      PrintWriter err = context.err();
      err.println("error: " + file + " is not a valid policy, so nothing was sent:");
      PolicyFile.errorLines(policy.errors()).forEach(line -> err.println("  " + line));
      err.flush();
      return ExitCodes.FAILED;
    }
    ApplyOptions options = ApplyOptions.none().withComment(comment);
    if (precondition != null && precondition.ifVersion != null) {
      if (precondition.ifVersion < 1) {
        throw new UsageException("--if-version is a version number from 1, was " + precondition.ifVersion);
      }
      options = options.ifVersion(precondition.ifVersion);
    } else if (precondition != null && precondition.createOnly) {
      options = options.onlyIfNew();
    }
    AppliedPolicy applied =
        context.client().policies().apply(policy.policyId(), policy.text(), policy.format(), options);
    PrintWriter out = context.out();
    if (context.output() == OutputFormat.JSON) {
      out.println(Json.pretty(applied));
    } else {
      Policy v = applied.policy();
      if (!applied.changed()) {
        out.println(v.ref() + " already has this document; nothing was stored.");
      } else if (Policy.CREATE.equals(v.change())) {
        out.println("Created " + v.ref() + " from " + file + "; it is in force now.");
      } else {
        out.println("Applied " + v.ref() + " (was @" + (v.version() - 1) + ") from " + file
            + "; it is in force now.");
        out.println("  what changed: aegis policy diff " + v.policyId());
        out.println("  undo:         aegis policy rollback " + v.policyId() + " --to " + (v.version() - 1));
      }
    }
    out.flush();
    return ExitCodes.OK;
  }
}
