package dev.aegis.server.ingest.otlp;

import dev.aegis.core.AegisException;

/** A request body that is not OTLP at all; its message says what is wrong, for the client. */
public class OtlpDecodingException extends AegisException {
  public OtlpDecodingException(String message) {
    super(message);
  }
}
