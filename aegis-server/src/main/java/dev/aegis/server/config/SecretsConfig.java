package dev.aegis.server.config;

/**
 * Encryption of secrets at rest.
 *
 * @param masterKey base64 of the 32-byte master key, or null for the generated {@code master.key} file
 */
public record SecretsConfig(String masterKey) {
  /** The key is never printed. */
  @Override
  public String toString() {
    return "SecretsConfig[masterKey=" + (masterKey == null ? "<from master.key file>" : "<set>") + "]";
  }
}
