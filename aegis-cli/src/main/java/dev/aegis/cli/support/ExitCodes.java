package dev.aegis.cli.support;

/** The exit statuses of {@code aegis}. */
public final class ExitCodes {
  /** Done as asked. */
  public static final int OK = 0;
  /** The server refused (a problem answer), could not be reached, or a demo step did not answer as expected. */
  public static final int FAILED = 1;
  /** The command line or the configuration is wrong. */
  public static final int USAGE = 2;

  private ExitCodes() {}
}
