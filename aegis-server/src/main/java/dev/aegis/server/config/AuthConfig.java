package dev.aegis.server.config;

/**
 * How the system admin authenticates.
 *
 * @param adminKey the bootstrap admin key, or null to read or create {@code <data.dir>/admin.key}
 */
public record AuthConfig(String adminKey) {
  /** The key itself is never printed. */
  @Override
  public String toString() {
    return "AuthConfig[adminKey=" + (adminKey == null ? "<from admin.key file>" : "<set>") + "]";
  }
}
