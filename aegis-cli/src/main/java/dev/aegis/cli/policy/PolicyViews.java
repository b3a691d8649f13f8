package dev.aegis.cli.policy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aegis.cli.support.Fields;
import dev.aegis.cli.support.Formats;
import dev.aegis.cli.support.Json;
import dev.aegis.cli.support.Table;
import dev.aegis.client.Policy;
import dev.aegis.client.PolicyDiff;
import java.util.ArrayList;
import java.util.List;

/** The tables, fields and diffs the policy commands print; the demo prints them too. */
public final class PolicyViews {
  private PolicyViews() {}

  /** The tenant's policies: id, current version, last change, when, and the comment. Ids are never cut. */
  static List<String> table(List<Policy> policies, int width) {
    Table table = new Table().column("POLICY").column("VERSION").column("CHANGE").column("CHANGED (UTC)")
        .flexibleColumn("COMMENT");
    policies.forEach(p -> table.row(p.policyId(), "@" + p.version(), change(p), Formats.time(p.createdAt(), ""),
        or(p.comment(), "")));
    return table.render(width);
  }

  /** A policy's versions, newest first: what each did, which key did it, when; its comment on the next line. */
  static List<String> history(List<Policy> versions, int width) {
    Table table = new Table().column("VERSION").column("CHANGE").column("BY").column("AT (UTC)");
    versions.forEach(p -> table.row("@" + p.version(), change(p), or(p.actor(), "-"), Formats.time(p.createdAt(), "")));
    List<String> rows = table.render(width);
    List<String> lines = new ArrayList<>();
    lines.add(rows.getFirst());
    int indent = Math.max("VERSION".length(), versions.stream().mapToInt(p -> ("@" + p.version()).length()).max()
        .orElse(0)) + 2;
    for (int i = 0; i < versions.size(); i++) {
      lines.add(rows.get(i + 1));
      String comment = versions.get(i).comment();
      if (comment != null && !comment.isBlank()) {
        lines.add(" ".repeat(indent) + "\"" + comment.replaceAll("[\\r\\n\\t]+", " ") + "\"");
      }
    }
    return lines;
  }

  /** One version as labelled lines, then its canonical document. */
  static List<String> detail(Policy p) {
    List<String> lines = new ArrayList<>(new Fields()
        .add("policy", p.policyId())
        .add("version", p.ref() + "  (" + change(p) + ")")
        .add("format", p.isDeletion() ? "-" : p.sourceFormat() + " (aegis policy show " + p.policyId()
            + " --version " + p.version() + " --source prints it as written)")
        .add("digest", or(p.digest(), "-"))
        .add("changed by", or(p.actor(), "-"))
        .add("changed at", Formats.time(p.createdAt(), ""))
        .add("comment", or(p.comment(), "-"))
        .render());
    lines.add("");
    if (p.document() == null || p.document().isNull()) {
      lines.add("(this version deletes the policy; it has no document)");
    } else {
      lines.addAll(Json.pretty(p.document()).lines().toList());
    }
    return lines;
  }

  /** Such as {@code update}, or {@code rollback to @1}. */
  static String change(Policy p) {
    if (Policy.ROLLBACK.equals(p.change()) && p.rolledBackFrom() != null) {
      return "rollback to @" + p.rolledBackFrom();
    }
    return or(p.change(), "-");
  }

  /**
   * A diff as people read one: a heading, then per pointer a {@code ~} (changed), {@code +} (added) or {@code -}
   * (removed) line, with the value before on a {@code -} line and after on a {@code +} line, as compact JSON.
   */
  public static List<String> diff(PolicyDiff diff) {
    List<String> lines = new ArrayList<>();
    String heading = diff.policyId() + ": @" + diff.fromVersion() + " -> @" + diff.toVersion();
    int n = diff.changes().size();
    lines.add(heading + (n == 0 ? ", no changes (the same document)" : ", " + n + (n == 1 ? " change" : " changes")));
    for (PolicyDiff.Change change : diff.changes()) {
      String pointer = change.pointer() == null || change.pointer().isEmpty() ? "(whole document)" : change.pointer();
      String mark = switch (change.kind()) {
        case "added" -> "+";
        case "removed" -> "-";
        default -> "~";
      };
      lines.add(mark + " " + pointer);
      if (change.before() != null && !change.before().isNull()) {
        lines.add("    - " + compact(change.before()));
      }
      if (change.after() != null && !change.after().isNull()) {
        lines.add("    + " + compact(change.after()));
      }
    }
    return lines;
  }

  private static String compact(JsonNode value) {
    return value.toString();
  }

  private static String or(String value, String orElse) {
    return value == null || value.isBlank() ? orElse : value;
  }
}
