package dev.aegis.core.policy;

import java.util.Objects;

/**
 * Why a decision came out as it did.
 *
 * @param code the machine-readable code
 * @param message a sentence for people
 */
public record Reason(ReasonCode code, String message) {
  public Reason {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(message, "message");
  }
}
