package dev.aegis.core.policy;

import java.util.List;

/**
 * One entry of {@code approval_thresholds}, keyed {@code <verb>:<attribute>} (e.g. {@code write:size_mb}).
 */
public sealed interface ApprovalThreshold {
  /** A number: a request whose attribute is above it needs approval. */
  record Limit(double value) implements ApprovalThreshold {}

  /** A list of triggers: a request that carries the attribute (non-empty, not false) needs approval. */
  record Triggers(List<String> triggers) implements ApprovalThreshold {
    /** The only trigger today; approval ladders will add more. */
    public static final String REQUIRES_APPROVAL = "requires_approval";

    public Triggers {
      triggers = List.copyOf(triggers);
    }
  }
}
