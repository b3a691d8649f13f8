package dev.aegis.cli.policy;

import dev.aegis.cli.support.CliContext;
import dev.aegis.cli.support.ExitCodes;
import dev.aegis.cli.support.Json;
import dev.aegis.cli.support.OutputFormat;
import dev.aegis.client.AegisApiException;
import dev.aegis.client.FieldError;
import dev.aegis.core.policy.PolicyDocument;
import dev.aegis.core.policy.PolicyError;
import dev.aegis.core.policy.PolicyParseResult;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code aegis policy validate FILE}: checks a policy offline (or on the server) and lists every error. */
@Command(
    name = "validate",
    description = {
      "Check a policy file, offline, and list every error.",
      "Each error is pointer: message, the pointer saying where in the document (such as "
          + "/connectors/s3/role). The checks are the server's own; nothing is stored. Exit 0 when valid, 1 "
          + "when not. JSON or YAML, by the file's extension (.json, .yaml, .yml), else by its first "
          + "character."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  aegis policy validate summarizer.json",
      "  for f in policies/*.yaml; do aegis policy validate \"$f\" || exit 1; done",
      "  aegis policy validate summarizer.yaml --server -o json"
    })
final class ValidateCommand implements Callable<Integer> {
  private final CliContext context;

  @Parameters(paramLabel = "FILE", description = "The policy file.")
  String file;

  @Option(names = "--server", description = "Ask the server instead (POST /api/v1/policies/validate); needs a key.")
  boolean server;

  ValidateCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    PolicyFile policy = PolicyFile.read(context.workDir(), file);
    List<PolicyError> errors = server ? remoteErrors(policy) : policy.errors();
    PolicyDocument document = policy.result() instanceof PolicyParseResult.Valid v ? v.document() : null;
    PrintWriter out = context.out();
    if (context.output() == OutputFormat.JSON) {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("file", file);
      body.put("valid", errors.isEmpty());
      body.put("policy_id", document == null ? null : document.policyId());
      body.put("format", policy.format().name().toLowerCase(java.util.Locale.ROOT));
      body.put("errors", errors.stream().map(e -> Map.of("pointer", e.pointer(), "message", e.message())).toList());
      out.println(Json.pretty(body));
    } else if (errors.isEmpty()) {
      out.println(file + ": valid policy " + (document == null ? "" : document.policyId())
          + (server ? " (checked by the server)" : ""));
      if (document != null) {
        out.println("  " + summary(document));
      }
    } else {
      out.println(file + ": not a valid policy, " + errors.size() + (errors.size() == 1 ? " error:" : " errors:"));
      PolicyFile.errorLines(errors).forEach(line -> out.println("  " + line));
    }
    out.flush();
    return errors.isEmpty() ? ExitCodes.OK : ExitCodes.FAILED;
  }

  /** The server's 422 as the same errors; every other refusal goes to the error handler. */
  private List<PolicyError> remoteErrors(PolicyFile policy) {
    try {
      context.client().policies().validate(policy.text(), policy.format());
      return List.of();
    } catch (AegisApiException e) {
      if (e.status() != 422) {
        throw e;
      }
      List<PolicyError> errors = new ArrayList<>();
      for (FieldError error : e.errors()) {
        errors.add(new PolicyError(error.pointer() == null ? "" : error.pointer(),
            error.detail() == null ? "not valid" : error.detail()));
      }
      if (errors.isEmpty()) {
        errors.add(new PolicyError("", e.detail() == null ? e.title() : e.detail()));
      }
      return errors;
    }
  }

  /** Such as "2 capabilities, 2 connectors, 2 approval thresholds; applies to every agent and task type". */
  static String summary(PolicyDocument d) {
    List<String> parts = new ArrayList<>();
    count(parts, d.capabilities().size(), "capability", "capabilities");
    count(parts, d.denies().size(), "deny", "denies");
    count(parts, d.connectors().size(), "connector", "connectors");
    count(parts, d.approvalThresholds().size(), "approval threshold", "approval thresholds");
    count(parts, d.rules().size(), "rule", "rules");
    count(parts, d.validators().size(), "validator", "validators");
    String binds = d.bindings().isEmpty() ? "applies to every agent and task type"
        : "applies through " + d.bindings().size() + (d.bindings().size() == 1 ? " binding" : " bindings");
    String mode = d.mode().name().equalsIgnoreCase("shadow") ? "; shadow mode: logged, never enforced" : "";
    return (parts.isEmpty() ? "grants nothing" : String.join(", ", parts)) + "; " + binds + mode;
  }

  private static void count(List<String> parts, int n, String one, String many) {
    if (n > 0) {
      parts.add(n + " " + (n == 1 ? one : many));
    }
  }
}
