package dev.aegis.server.config;

import dev.aegis.core.AegisException;

/** The configuration is wrong; the message names the key and says what would be right. */
public class ConfigException extends AegisException {
  public ConfigException(String message) {
    super(message);
  }
}
