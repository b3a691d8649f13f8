package dev.aegis.cli.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The version of this distribution, as Maven wrote it into a resource at build time. */
public final class CliVersion {
  private static final String VALUE = load();

  private CliVersion() {}

  /** Such as {@code 0.1.0}. */
  public static String value() {
    return VALUE;
  }

  private static String load() {
    try (InputStream in = CliVersion.class.getResourceAsStream("/dev/aegis/cli/aegis-cli.properties")) {
      if (in == null) {
        String fromManifest = CliVersion.class.getPackage().getImplementationVersion();
        return fromManifest != null ? fromManifest : "unknown";
      }
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty("version", "unknown");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
