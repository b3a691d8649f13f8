package dev.aegis.client;

/** The one unchecked exception the SDK throws; its subclasses say whether the server answered or could not be reached. */
public class AegisClientException extends RuntimeException {
  public AegisClientException(String message) {
    super(message);
  }

  public AegisClientException(String message, Throwable cause) {
    super(message, cause);
  }
}
