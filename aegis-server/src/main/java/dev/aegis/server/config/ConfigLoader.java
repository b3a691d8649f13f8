package dev.aegis.server.config;

import java.nio.file.Path;
import java.util.Map;

/**
 * Builds an {@link AegisConfig} from defaults, a YAML file, {@code AEGIS_*} environment variables and command-line
 * flags, in increasing precedence. Unknown or invalid keys throw {@link ConfigException} naming the key.
 */
public final class ConfigLoader {
  private ConfigLoader() {}

  /**
   * @param file the YAML file, or null for none
   * @param env the process environment (only {@code AEGIS_*} entries are read)
   * @param flags dotted keys from command-line flags, such as {@code server.port -> 8080}
   */
  public static AegisConfig load(Path file, Map<String, String> env, Map<String, String> flags) {
    throw new UnsupportedOperationException("being written");
  }
}
