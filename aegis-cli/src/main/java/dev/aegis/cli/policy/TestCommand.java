package dev.aegis.cli.policy;

import dev.aegis.cli.runs.Glyphs;
import dev.aegis.cli.support.CliContext;
import dev.aegis.cli.support.ExitCodes;
import dev.aegis.cli.support.Json;
import dev.aegis.cli.support.OutputFormat;
import dev.aegis.core.policy.Decision;
import dev.aegis.core.policy.PolicyDocument;
import dev.aegis.core.policy.PolicyParseResult;
import dev.aegis.core.policy.Reason;
import dev.aegis.core.policy.cases.CaseResult;
import dev.aegis.core.policy.cases.PolicyTestRunner;
import dev.aegis.core.policy.cases.TestCaseFile;
import dev.aegis.core.policy.cases.TestReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code aegis policy test POLICY CASES}: runs golden and adversarial cases against a policy, offline. */
@Command(
    name = "test",
    description = {
      "Run test cases against a policy file, offline; exit 1 on a failure.",
      "Each case is a request and the outcome (and optionally a reason) it must get, decided by the "
          + "real engine. Each case starts with fresh rate buckets at one stopped instant, so results do not "
          + "depend on the machine or the order. A failed case shows expected against actual. Exit 0 when "
          + "every case passes, 1 when one fails or a file is not valid: put it in CI. The cases file is a "
          + "YAML list, described in docs/policies.md (Testing policies offline)."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  aegis policy test summarizer.json summarizer-cases.yaml",
      "  aegis policy test summarizer.json cases.yaml --at 2026-11-25T03:00:00Z",
      "",
      "  - name: s3 is read-only",
      "    request: {agent_id: summarizer-1, action: write:summaries, connector: s3}",
      "    expect: {outcome: deny, reason: connector_read_only}",
      "  - name: the 31st db call in a minute waits",
      "    request: {agent_id: summarizer-1, action: write:summaries, connector: db}",
      "    repeat: 31",
      "    expect: {outcome: rate_limited}"
    })
final class TestCommand implements Callable<Integer> {
  private final CliContext context;
  /** Where the default instant comes from; tests pass {@code --at} instead. */
  Clock clock = Clock.systemUTC();

  @Parameters(index = "0", paramLabel = "POLICY_FILE", description = "The policy under test, JSON or YAML.")
  String policyFile;

  @Parameters(index = "1", paramLabel = "CASES_FILE", description = "The cases, a YAML list.")
  String casesFile;

  @Option(
      names = "--at",
      paramLabel = "TIME",
      description = "The instant every case is decided at, such as 2026-11-25T03:00:00Z (default: now).")
  Instant at;

  TestCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    PolicyFile policy = PolicyFile.read(context.workDir(), policyFile);
    TestCaseFile cases = TestCaseFile.parse(PolicyFile.readText(context.workDir().resolve(casesFile), casesFile));
    PrintWriter out = context.out();
    if (!policy.valid() || !cases.valid()) {
      if (!policy.valid()) {
        invalid(out, policyFile, "policy", PolicyFile.errorLines(policy.errors()));
      }
      if (!cases.valid()) {
        invalid(out, casesFile, "test file", PolicyFile.errorLines(cases.errors()));
      }
      out.flush();
      return ExitCodes.FAILED;
    }
    PolicyDocument document = ((PolicyParseResult.Valid) policy.result()).document();
    Instant instant = at != null ? at : clock.instant().truncatedTo(ChronoUnit.SECONDS);
    TestReport report = PolicyTestRunner.run(document, cases.cases(), instant);
    if (context.output() == OutputFormat.JSON) {
      out.println(Json.pretty(json(document, instant, report)));
    } else {
      boolean unicode = Glyphs.forTerminal(context.env(), false) == Glyphs.UNICODE;
      out.println("Testing " + document.policyId() + " (" + Path.of(policyFile).getFileName() + ") with "
          + report.results().size() + " cases from " + Path.of(casesFile).getFileName() + ", at " + instant);
      for (CaseResult r : report.results()) {
        String mark = r.passed() ? (unicode ? "✓" : "ok") : (unicode ? "✗" : "FAIL");
        out.println("  " + mark + " " + r.testCase().name());
        out.print(r.diff());
      }
      out.println(report.passed() + " passed, " + report.failed() + " failed");
    }
    out.flush();
    return report.failed() == 0 ? ExitCodes.OK : ExitCodes.FAILED;
  }

  private static void invalid(PrintWriter out, String file, String what, List<String> errors) {
    out.println(file + ": not a valid " + what + ", " + errors.size() + (errors.size() == 1 ? " error:" : " errors:"));
    errors.forEach(line -> out.println("  " + line));
  }

  private Map<String, Object> json(PolicyDocument document, Instant instant, TestReport report) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("policy_id", document.policyId());
    body.put("policy_file", policyFile);
    body.put("cases_file", casesFile);
    body.put("at", instant.toString());
    body.put("passed", report.passed());
    body.put("failed", report.failed());
    body.put("cases", report.results().stream().map(TestCommand::json).toList());
    return body;
  }

  private static Map<String, Object> json(CaseResult r) {
    Map<String, Object> expected = new LinkedHashMap<>();
    expected.put("outcome", r.testCase().outcome().wire());
    if (r.testCase().reason() != null) {
      expected.put("reason", r.testCase().reason().wire());
    }
    Decision d = r.decision();
    Map<String, Object> actual = new LinkedHashMap<>();
    actual.put("outcome", d.outcome().wire());
    actual.put("reasons", d.reasons().stream().map(TestCommand::json).toList());
    if (d.retryAfterMs() != null) {
      actual.put("retry_after_ms", d.retryAfterMs());
    }
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("name", r.testCase().name());
    result.put("passed", r.passed());
    result.put("expected", expected);
    result.put("actual", actual);
    return result;
  }

  private static Map<String, String> json(Reason reason) {
    Map<String, String> body = new LinkedHashMap<>();
    body.put("code", reason.code().wire());
    body.put("message", reason.message());
    return body;
  }
}
