package dev.aegis.core.policy;

import java.util.List;

/** What {@link PolicyParser} returns: the document, or every error found in it. */
public sealed interface PolicyParseResult {
  /** The document is valid. */
  record Valid(PolicyDocument document) implements PolicyParseResult {}

  /** The document is not valid; {@code errors} lists every problem found, in document order. */
  record Invalid(List<PolicyError> errors) implements PolicyParseResult {
    public Invalid {
      errors = List.copyOf(errors);
      if (errors.isEmpty()) {
        throw new IllegalArgumentException("an invalid result has at least one error");
      }
    }
  }

  /** The document, or throws {@link InvalidPolicyException} listing the errors. */
  default PolicyDocument orThrow() {
    return switch (this) {
      case Valid v -> v.document();
      case Invalid i -> throw new InvalidPolicyException(i.errors());
    };
  }
}
