package dev.aegis.cli.support;

import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The options every command accepts, before or after its name. Fields stay null when an option was not given, so
 * that {@link CliContext} can tell a flag from an environment variable from a default.
 */
public final class GlobalOptions {
  /** The names of the options that only matter to commands that call a server. */
  public static final java.util.List<String> CLIENT_OPTIONS = java.util.List.of("--url", "--key", "--output");

  @Option(
      names = "--url",
      paramLabel = "URL",
      scope = ScopeType.INHERIT,
      description = {"Server address (env: AEGIS_URL).", "Default: http://127.0.0.1:4318"})
  String url;

  @Option(
      names = "--key",
      paramLabel = "KEY",
      scope = ScopeType.INHERIT,
      description = {"API key to act with (env: AEGIS_KEY).", "Default: the key in ./aegis-data/admin.key"})
  String key;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FORMAT",
      scope = ScopeType.INHERIT,
      converter = OutputFormat.Converter.class,
      description = "table (default) or json.")
  OutputFormat output;

  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      scope = ScopeType.INHERIT,
      description = "Show this help.")
  boolean help;

  /** The --url flag as given, or null. */
  public String url() {
    return url;
  }

  /** The --key flag as given, or null. */
  public String key() {
    return key;
  }

  public OutputFormat output() {
    return output == null ? OutputFormat.TABLE : output;
  }
}
