package dev.aegis.core;

/** The one unchecked base of every exception Aegis throws for bugs and broken infrastructure. */
public class AegisException extends RuntimeException {
  public AegisException(String message) {
    super(message);
  }

  public AegisException(String message, Throwable cause) {
    super(message, cause);
  }
}
