package dev.aegis.server.config;

import java.util.Locale;

/**
 * One configuration key: its dotted name, how its value is checked, its default and what it is for.
 *
 * @param name the dotted key, as written in the YAML file ({@code server.port})
 * @param type how a value is parsed and checked
 * @param defaultValue the value used when no source sets the key; empty means "none"
 * @param flag the command-line flag that sets it ({@code --port}), or null when there is none
 * @param secret whether the value must never be printed
 * @param description one line for the documentation
 */
public record ConfigKey(
    String name, ValueType type, String defaultValue, String flag, boolean secret, String description) {
  private static final String ENV_PREFIX = "AEGIS_";

  /** The environment variable that sets this key: {@code AEGIS_} and the name uppercased, dots as underscores. */
  public String envVar() {
    return envVarOf(name);
  }

  static String envVarOf(String keyName) {
    return ENV_PREFIX + keyName.toUpperCase(Locale.ROOT).replace('.', '_');
  }
}
