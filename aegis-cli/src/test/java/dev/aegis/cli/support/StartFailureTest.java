package dev.aegis.cli.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;

class StartFailureTest {
  @Test
  void joinsEachMessageOnce() {
    var failure =
        new UncheckedIOException(
            "Cannot create the data directory /srv/x", new IOException("/srv/x: Permission denied"));

    assertThat(StartFailure.describe(failure))
        .isEqualTo("Cannot create the data directory /srv/x: /srv/x: Permission denied");
  }

  @Test
  void skipsCausesWhoseMessageIsAlreadyThere() {
    var cause = new IllegalStateException("Port already in use");
    var failure = new RuntimeException("java.lang.IllegalStateException: Port already in use", cause);

    assertThat(StartFailure.describe(failure)).isEqualTo("java.lang.IllegalStateException: Port already in use");
  }

  @Test
  void namesTheExceptionWhenThereIsNoMessage() {
    assertThat(StartFailure.describe(new IllegalStateException())).isEqualTo("IllegalStateException");
  }
}
