package dev.aegis.core.policy.cases;

import dev.aegis.core.policy.Outcome;
import dev.aegis.core.policy.Reason;
import java.util.List;
import java.util.Map;

/**
 * What replaying logged decisions against a candidate policy found.
 *
 * @param replayed how many logged decisions were replayed
 * @param changed how many would get another outcome
 * @param transitions per change ({@code allow → deny}), how many, most frequent first
 * @param examples per change, a few of the decisions that would change
 */
public record SimulationReport(
    int replayed, int changed, List<Transition> transitions, Map<String, List<Example>> examples) {
  /** A change of outcome and how often it happens. */
  public record Transition(Outcome from, Outcome to, int count) {
    public String label() {
      return from.wire() + " → " + to.wire();
    }
  }

  /** One logged decision whose outcome would change, and why. */
  public record Example(String decisionId, String agentId, String action, String connector, List<Reason> reasons) {}

  public SimulationReport {
    transitions = List.copyOf(transitions);
    examples = Map.copyOf(examples);
  }

  /** A summary for people: the counts, then the examples under each change. */
  public String render() {
    StringBuilder out = new StringBuilder();
    out.append(replayed).append(" decisions replayed, ").append(changed).append(" would change\n");
    for (Transition t : transitions) {
      out.append("  ").append(t.label()).append(": ").append(t.count()).append('\n');
      for (Example e : examples.getOrDefault(t.label(), List.of())) {
        out.append("    ").append(e.decisionId()).append("  ").append(e.agentId()).append("  ").append(e.action())
            .append(e.connector() == null ? "" : " via " + e.connector());
        if (!e.reasons().isEmpty()) {
          out.append("  (").append(e.reasons().get(0).code().wire()).append(": ").append(e.reasons().get(0).message())
              .append(')');
        }
        out.append('\n');
      }
    }
    return out.toString();
  }
}
