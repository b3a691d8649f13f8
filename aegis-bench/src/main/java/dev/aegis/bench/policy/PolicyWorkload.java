package dev.aegis.bench.policy;

import java.util.ArrayList;
import java.util.List;

/**
 * The synthetic tenant both engines decide for: {@code n} policies, each bound by 10 bindings (6 exact agent ids, 2
 * globs, a label, a task type), granting three capabilities, with an s3 connector that is read-only, a db connector
 * that is write-limited, and a 50 MB approval threshold on writes. At 1,000 policies that is 10,000 bindings.
 */
final class PolicyWorkload {
  static final int EXACT_AGENTS = 6;

  private PolicyWorkload() {}

  /** Policy {@code i} as an Aegis YAML document. */
  static String aegisYaml(int i) {
    StringBuilder b = new StringBuilder();
    b.append("policy_id: p").append(i).append('\n');
    b.append("bindings:\n");
    for (int j = 0; j < EXACT_AGENTS; j++) {
      b.append("  - agent: agent-").append(i).append('-').append(j).append('\n');
    }
    b.append("  - agent: fleet-").append(i).append("-*\n");
    b.append("  - agent: batch-").append(i).append("-*\n");
    b.append("  - labels: {team: t").append(i).append("}\n");
    b.append("  - task_types: [task-").append(i).append("]\n");
    b.append("capabilities: [read:docs_").append(i).append(", write:notes_").append(i).append(", read:shared]\n");
    b.append("connectors:\n");
    b.append("  s3: {role: read-only, rate_limit_per_min: 1000000}\n");
    b.append("  db: {role: write-limited, rate_limit_per_min: 1000000}\n");
    b.append("approval_thresholds:\n  write:size_mb: 50\n");
    return b.toString();
  }

  /**
   * Policy {@code i} in Cedar: a permit for its capabilities on both connectors, a forbid for writes to s3
   * (read-only), and a forbid for writes above 50 MB (Cedar has no third outcome, so the approval threshold becomes a
   * deny). Each is guarded by the same ten bindings: ids, {@code like} for the globs, the team attribute, the task
   * type in the context.
   */
  static List<String> cedarPolicies(int i) {
    StringBuilder bound = new StringBuilder("(");
    for (int j = 0; j < EXACT_AGENTS; j++) {
      bound.append("principal.name == \"agent-").append(i).append('-').append(j).append("\" || ");
    }
    bound.append("principal.name like \"fleet-").append(i).append("-*\" || ");
    bound.append("principal.name like \"batch-").append(i).append("-*\" || ");
    bound.append("principal.team == \"t").append(i).append("\" || ");
    bound.append("context.task_type == \"task-").append(i).append("\")");
    String actions = "[Action::\"read:docs_" + i + "\", Action::\"write:notes_" + i + "\", Action::\"read:shared\"]";
    String writes = "[Action::\"write:notes_" + i + "\"]";
    List<String> out = new ArrayList<>();
    out.add("@id(\"p" + i + "-grant\")\npermit(principal, action in " + actions
        + ", resource) when { (resource == Connector::\"s3\" || resource == Connector::\"db\") && " + bound + " };");
    out.add("@id(\"p" + i + "-s3-read-only\")\nforbid(principal, action in " + writes
        + ", resource == Connector::\"s3\") when { " + bound + " };");
    out.add("@id(\"p" + i + "-size\")\nforbid(principal, action in " + writes + ", resource) when { " + bound
        + " && context.size_mb > 50 };");
    return out;
  }

  /**
   * Policy {@code i} in Cedar with the binding already resolved by the caller into group membership
   * ({@code principal in Group::"p<i>"}): Cedar's best case, since it no longer matches ids, globs or labels.
   */
  static List<String> cedarGroupedPolicies(int i) {
    String group = "Group::\"p" + i + "\"";
    String actions = "[Action::\"read:docs_" + i + "\", Action::\"write:notes_" + i + "\", Action::\"read:shared\"]";
    String writes = "[Action::\"write:notes_" + i + "\"]";
    return List.of(
        "@id(\"g" + i + "-grant\")\npermit(principal in " + group + ", action in " + actions
            + ", resource) when { resource == Connector::\"s3\" || resource == Connector::\"db\" };",
        "@id(\"g" + i + "-s3-read-only\")\nforbid(principal in " + group + ", action in " + writes
            + ", resource == Connector::\"s3\");",
        "@id(\"g" + i + "-size\")\nforbid(principal in " + group + ", action in " + writes
            + ", resource) when { context.size_mb > 50 };");
  }
}
