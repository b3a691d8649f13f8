package dev.aegis.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code aegis} command: entry point of the distribution. */
@Command(
    name = "aegis",
    mixinStandardHelpOptions = true,
    description = "The control plane for AI agents in production.")
public final class Main implements Runnable {
  public static void main(String[] args) {
    System.exit(new CommandLine(new Main()).execute(args));
  }

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }
}
