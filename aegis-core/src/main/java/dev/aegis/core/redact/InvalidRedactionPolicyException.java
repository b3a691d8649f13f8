package dev.aegis.core.redact;

import dev.aegis.core.AegisException;

/** A redaction policy setting is not valid; {@link #setting()} names it, e.g. {@code custom_patterns.employee_id}. */
public class InvalidRedactionPolicyException extends AegisException {
  private final String setting;

  public InvalidRedactionPolicyException(String setting, String message) {
    super(setting + ": " + message);
    this.setting = setting;
  }

  public String setting() {
    return setting;
  }
}
