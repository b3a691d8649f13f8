package dev.aegis.core.tenant;

import dev.aegis.core.AegisException;

/** A tenant with the same name already exists. */
public class NameTakenException extends AegisException {
  public NameTakenException(String name) {
    super("a tenant named '" + name + "' already exists");
  }
}
