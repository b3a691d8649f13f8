package dev.aegis.core.policy;

import java.util.Objects;

/**
 * One problem in a policy document.
 *
 * @param pointer where it is, as an RFC 6901 JSON pointer ({@code /connectors/s3/role}; empty for the whole
 *     document)
 * @param message a sentence that says what is wrong and how to fix it
 * @param line the 1-based line for syntax errors, or null
 * @param column the 1-based column for syntax errors, or null
 */
public record PolicyError(String pointer, String message, Integer line, Integer column) {
  public PolicyError {
    Objects.requireNonNull(pointer, "pointer");
    Objects.requireNonNull(message, "message");
  }

  public PolicyError(String pointer, String message) {
    this(pointer, message, null, null);
  }

  @Override
  public String toString() {
    return (pointer.isEmpty() ? "(document)" : pointer) + ": " + message;
  }
}
