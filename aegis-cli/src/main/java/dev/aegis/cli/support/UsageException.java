package dev.aegis.cli.support;

/** The command line asks for something that cannot work; reported without a stack trace, exit status 2. */
public class UsageException extends RuntimeException {
  public UsageException(String message) {
    super(message);
  }
}
