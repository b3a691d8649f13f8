package dev.aegis.core.crypto;

import dev.aegis.core.AegisException;

/** A sealed secret cannot be opened: another master key, another context, or changed bytes. */
public class SecretBoxException extends AegisException {
  public SecretBoxException(String message) {
    super(message);
  }
}
