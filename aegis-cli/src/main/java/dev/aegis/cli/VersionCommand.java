package dev.aegis.cli;

import dev.aegis.cli.support.CliContext;
import dev.aegis.cli.support.CliVersion;
import dev.aegis.client.AegisClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;

/** {@code aegis version}: this distribution's version and the Java it runs on. */
@Command(name = "version", description = "Print the Aegis version and the Java runtime it runs on.")
final class VersionCommand implements Runnable {
  private final CliContext context;

  VersionCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public void run() {
    for (String line : lines()) {
      context.out().println(line);
    }
    context.out().flush();
  }

  static String[] lines() {
    return new String[] {
      "aegis " + CliVersion.value() + " (client " + AegisClient.version() + ")",
      "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ", "
          + System.getProperty("java.home") + ")",
      System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch")
    };
  }

  /** Serves {@code aegis --version} with the same text. */
  static final class Provider implements IVersionProvider {
    @Override
    public String[] getVersion() {
      return lines();
    }
  }
}
