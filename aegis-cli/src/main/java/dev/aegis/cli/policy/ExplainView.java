package dev.aegis.cli.policy;

import dev.aegis.cli.support.Table;
import dev.aegis.client.EffectivePolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An agent's effective policy for people: each part on a line, with the policy version it came from at the end.
 * Nothing is cut, since the point is to see which {@code id@version} gave what.
 */
public final class ExplainView {
  private ExplainView() {}

  public static List<String> render(EffectivePolicy effective) {
    EffectivePolicy.Explanation e = effective.effective();
    List<String> lines = new ArrayList<>();
    lines.add("Effective policy of agent " + effective.agentId() + ", task type "
        + (effective.taskType() == null ? "(none)" : effective.taskType()) + ", labels " + labels(effective.labels()));
    lines.add("");
    for (EffectivePolicy.Unusable u : e.unusable()) {
      lines.add("! " + u.policy() + " is bound but cannot be used: " + u.problem());
    }
    if (!e.unusable().isEmpty()) {
      lines.add("! while a bound policy cannot be used, every decision is deny (invalid_policy)");
      lines.add("");
    }
    if (e.policies().isEmpty()) {
      lines.add("No enforced policy binds this agent and task type, so every action is denied (no_policy).");
      if (!e.shadowPolicies().isEmpty()) {
        lines.add("Shadow policies (logged, never enforced): " + String.join(", ", e.shadowPolicies()));
      }
      return lines;
    }
    lines.add("policies  " + String.join(", ", e.policies()));
    if (!e.shadowPolicies().isEmpty()) {
      lines.add("shadow    " + String.join(", ", e.shadowPolicies()) + "  (logged, never enforced)");
    }
    Section grants = new Section("Capabilities granted (any other action is denied):");
    e.capabilities().forEach(g -> grants.row(g.capability(), from(g.from())));
    grants.addTo(lines);
    Section denies = new Section("Denied, whatever grants them:");
    e.denies().forEach(g -> denies.row(g.capability(), from(g.from())));
    denies.addTo(lines);
    Section connectors = new Section("Connectors (the most restrictive role and the tightest cap win):");
    for (EffectivePolicy.ConnectorTerms c : e.connectors()) {
      connectors.row(c.connector(), role(c.role()), from(c.roleFrom()));
      connectors.row("", c.rateLimitPerMin() == null ? "no rate cap" : c.rateLimitPerMin() + " calls/min",
          c.rateFrom() == null ? "" : "from " + c.rateFrom());
    }
    connectors.addTo(lines);
    Section thresholds = new Section("Approval needed above a threshold (the lowest wins), or when present:");
    e.thresholds().forEach(l -> thresholds.row(l.key(), number(l.value()), "from " + l.from()));
    e.approvalTriggers().forEach(t -> thresholds.row(t.key(), String.join(", ", t.triggers()), from(t.from())));
    thresholds.addTo(lines);
    if (!e.rules().isEmpty()) {
      lines.add("");
      lines.add("Rules (CEL conditions; deny beats require_approval beats allow):");
      for (EffectivePolicy.Rule r : e.rules()) {
        lines.add("  " + r.id() + "  " + effect(r.effect()) + "  from " + r.policy());
        lines.add("      when " + r.when());
        if (r.reason() != null) {
          lines.add("      reason: " + r.reason());
        }
      }
    }
    Section validators = new Section("Write validators (checks the caller must make before it writes):");
    e.validators().forEach(v -> validators.row(v.capability(), checks(v.validator()), "from " + v.policy()));
    validators.addTo(lines);
    return lines;
  }

  /** A heading and aligned rows, without column headers; empty sections are left out. */
  private static final class Section {
    private final String heading;
    private Table table;

    Section(String heading) {
      this.heading = heading;
    }

    void row(String... cells) {
      if (table == null) {
        table = new Table();
        for (int i = 0; i < cells.length; i++) {
          table.column("");
        }
      }
      table.row((Object[]) cells);
    }

    void addTo(List<String> lines) {
      if (table == null) {
        return;
      }
      lines.add("");
      lines.add(heading);
      List<String> rows = table.render(Integer.MAX_VALUE);
      rows.subList(1, rows.size()).forEach(row -> lines.add("  " + row));
    }
  }

  private static String from(List<String> refs) {
    return refs.isEmpty() ? "" : "from " + String.join(", ", refs);
  }

  /** {@code read-only}, also when a server sends the enum name ({@code READ_ONLY}). */
  static String role(String role) {
    return role == null ? "no role" : role.toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** {@code require_approval}, also when a server sends the enum name. */
  static String effect(String effect) {
    return effect == null ? "-" : effect.toLowerCase(Locale.ROOT);
  }

  private static String checks(EffectivePolicy.Checks c) {
    List<String> parts = new ArrayList<>();
    if (c.maxSizeMb() != null) {
      parts.add("size_mb at most " + number(c.maxSizeMb()));
    }
    if (c.jsonSchema() != null && !c.jsonSchema().isNull()) {
      parts.add("payload matches a JSON Schema");
    }
    if (!c.allowedDomains().isEmpty()) {
      parts.add("only to " + String.join(", ", c.allowedDomains()));
    }
    return parts.isEmpty() ? "no checks" : String.join("; ", parts);
  }

  public static String number(double value) {
    return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
  }

  private static String labels(Map<String, String> labels) {
    if (labels.isEmpty()) {
      return "(none)";
    }
    List<String> parts = new ArrayList<>();
    labels.forEach((k, v) -> parts.add(k + "=" + v));
    return String.join(", ", parts);
  }
}
