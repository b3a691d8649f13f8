package dev.aegis.core.policy;

import java.util.Objects;

/**
 * A conditional rule: when the CEL expression {@code when} holds for a request, {@code effect} applies.
 *
 * @param id unique within the document; decisions name it
 * @param when a CEL expression over the request that returns a bool
 * @param effect allow, deny or require approval
 * @param reason the sentence a decision carries when the rule applies, or null
 */
public record PolicyRule(String id, String when, RuleEffect effect, String reason) {
  public PolicyRule {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(when, "when");
    Objects.requireNonNull(effect, "effect");
  }
}
