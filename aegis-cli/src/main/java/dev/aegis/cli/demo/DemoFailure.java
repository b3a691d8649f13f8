package dev.aegis.cli.demo;

/** A demo step did not answer as the API promises; the demo stops and exits non-zero. */
final class DemoFailure extends RuntimeException {
  DemoFailure(String message) {
    super(message);
  }
}
