package dev.aegis.client;

import java.net.URI;

/** The server could not be reached, or did not answer in time; nothing is known about whether a write happened. */
public class AegisConnectionException extends AegisClientException {
  private final URI baseUrl;

  public AegisConnectionException(URI baseUrl, String message, Throwable cause) {
    super(message, cause);
    this.baseUrl = baseUrl;
  }

  /** The server address that was tried. */
  public URI baseUrl() {
    return baseUrl;
  }
}
