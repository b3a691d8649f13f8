package dev.aegis.core.policy;

import dev.aegis.core.AegisException;
import java.util.List;
import java.util.stream.Collectors;

/** A policy document that was expected to be valid is not; {@link #errors()} lists why. */
public class InvalidPolicyException extends AegisException {
  private final List<PolicyError> errors;

  public InvalidPolicyException(List<PolicyError> errors) {
    super("invalid policy: " + errors.stream().map(PolicyError::toString).collect(Collectors.joining("; ")));
    this.errors = List.copyOf(errors);
  }

  public List<PolicyError> errors() {
    return errors;
  }
}
