package dev.aegis.core.store;

import dev.aegis.core.AegisException;

/** The database failed or could not be reached; callers fail closed. */
public class StoreException extends AegisException {
  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
