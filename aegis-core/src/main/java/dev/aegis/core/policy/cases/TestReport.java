package dev.aegis.core.policy.cases;

import java.util.List;

/** The results of running a test file against a policy. */
public record TestReport(List<CaseResult> results) {
  public TestReport {
    results = List.copyOf(results);
  }

  public long passed() {
    return results.stream().filter(CaseResult::passed).count();
  }

  public long failed() {
    return results.size() - passed();
  }

  /** One line per case (✓ or ✗), the diff under each failure, and a closing count. */
  public String render() {
    StringBuilder out = new StringBuilder();
    for (CaseResult r : results) {
      out.append(r.passed() ? "  ✓ " : "  ✗ ").append(r.testCase().name()).append('\n').append(r.diff());
    }
    out.append(passed()).append(" passed, ").append(failed()).append(" failed\n");
    return out.toString();
  }
}
