package dev.aegis.cli.policy;

import dev.aegis.cli.support.CliContext;
import dev.aegis.cli.support.ExitCodes;
import dev.aegis.cli.support.Json;
import dev.aegis.cli.support.Lists;
import dev.aegis.cli.support.OutputFormat;
import dev.aegis.cli.support.PageOptions;
import dev.aegis.cli.support.UsageException;
import dev.aegis.client.Page;
import dev.aegis.client.Policy;
import dev.aegis.client.PolicySource;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code aegis policy list}, {@code show} and {@code history}: reading policies and their versions. */
final class PolicyReadCommands {
  private PolicyReadCommands() {}

  @Command(
      name = "list",
      description = {
        "List the policies in force, each at its current version.",
        "Deleted policies are not listed; aegis policy history ID still shows them."
      },
      footerHeading = "%nExamples:%n",
      footer = {"  aegis policy list", "  aegis policy list --all -o json"})
  static final class ListPolicies implements Callable<Integer> {
    private final CliContext context;

    @Mixin PageOptions paging;

    ListPolicies(CliContext context) {
      this.context = context;
    }

    @Override
    public Integer call() {
      Page<Policy> page = Lists.fetch(paging, context.client().policies()::list);
      if (context.output() == OutputFormat.JSON) {
        context.out().println(Json.pretty(page));
      } else if (page.items().isEmpty()) {
        context.out().println("No policies yet, so every action of every agent is denied (Aegis fails closed).");
        context.out().println("Apply one: aegis policy apply FILE");
      } else {
        context.print(PolicyViews.table(page.items(), context.width()));
      }
      context.out().flush();
      Lists.moreHint(context, page, "aegis policy list");
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "show",
      description = {
        "Show a policy version and its document.",
        "The current version unless --version N; the document in canonical JSON. With --source, only the "
            + "text exactly as it was applied, comments and all, ready to edit and apply again."
      },
      footerHeading = "%nExamples:%n",
      footer = {
        "  aegis policy show policy-agent-summarizer",
        "  aegis policy show policy-agent-summarizer --version 2 --source > p.yaml"
      })
  static final class Show implements Callable<Integer> {
    private final CliContext context;

    @Parameters(paramLabel = "POLICY_ID", description = "The policy's id.")
    String policyId;

    @Option(names = "--version", paramLabel = "N", description = "This version instead of the current one.")
    Integer version;

    @Option(names = "--source", description = "Print the text as it was applied, nothing else.")
    boolean source;

    Show(CliContext context) {
      this.context = context;
    }

    @Override
    public Integer call() {
      if (version != null && version < 1) {
        throw new UsageException("--version is a version number from 1, was " + version);
      }
      PrintWriter out = context.out();
      if (source) {
        PolicySource text = context.client().policies().source(policyId, version);
        if (context.output() == OutputFormat.JSON) {
          Map<String, Object> body = new LinkedHashMap<>();
          body.put("policy_id", policyId);
          body.put("version", text.version());
          body.put("source_format", text.format().name().toLowerCase(java.util.Locale.ROOT));
          body.put("source", text.text());
          out.println(Json.pretty(body));
        } else {
          out.print(text.text());
          if (!text.text().endsWith("\n")) {
            out.println();
          }
        }
      } else {
        Policy policy = version == null ? context.client().policies().get(policyId)
            : context.client().policies().get(policyId, version);
        if (context.output() == OutputFormat.JSON) {
          out.println(Json.pretty(policy));
        } else {
          PolicyViews.detail(policy).forEach(out::println);
        }
      }
      out.flush();
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "history",
      description = {
        "List a policy's versions, newest first, with who made each.",
        "Each create, update, rollback and delete, the key that made it, when, and its comment (on the "
            + "line under it)."
      },
      footerHeading = "%nExamples:%n",
      footer = {
        "  aegis policy history policy-agent-summarizer",
        "  aegis policy history policy-agent-summarizer -o json"
      })
  static final class History implements Callable<Integer> {
    private final CliContext context;

    @Parameters(paramLabel = "POLICY_ID", description = "The policy's id.")
    String policyId;

    @Mixin PageOptions paging;

    History(CliContext context) {
      this.context = context;
    }

    @Override
    public Integer call() {
      Page<Policy> page = Lists.fetch(paging, q -> context.client().policies().history(policyId, q));
      if (context.output() == OutputFormat.JSON) {
        context.out().println(Json.pretty(page));
      } else {
        context.print(PolicyViews.history(page.items(), context.width()));
      }
      context.out().flush();
      Lists.moreHint(context, page, "aegis policy history " + policyId);
      return ExitCodes.OK;
    }
  }
}
