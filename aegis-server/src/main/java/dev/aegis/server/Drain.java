package dev.aegis.server;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.server.AbstractConnector;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.GracefulHandler;

/**
 * The graceful part of shutdown: stop accepting connections, then wait (up to the drain timeout) for the requests
 * already being handled.
 *
 * <p>Jetty's own graceful stop also waits for idle keep-alive connections, after cutting every connection's idle
 * timeout to one second; that both delays every stop and breaks a request whose client pauses while sending its
 * body. So the server stops without Jetty's grace ({@code stopTimeout} 0) once this drain is done.
 */
final class Drain {
  private final GracefulHandler requests = new GracefulHandler();
  private final Duration timeout;
  private volatile boolean started;

  Drain(Duration timeout) {
    this.timeout = timeout;
  }

  void install(Server server) {
    server.setStopTimeout(0);
    server.insertHandler(requests);
  }

  /** Stops accepting and waits for in-flight requests; false when some were still running at the timeout. */
  boolean drain(Server server) throws InterruptedException {
    for (Connector connector : server.getConnectors()) {
      if (connector instanceof AbstractConnector accepting) {
        accepting.setShutdownIdleTimeout(-1); // leave the idle timeout of busy connections alone
        accepting.shutdown(); // closes the listening socket; open connections stay
      }
    }
    started = true;
    try {
      requests.shutdown().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException e) {
      return false;
    } catch (ExecutionException e) {
      throw new IllegalStateException("waiting for requests failed", e.getCause());
    }
  }

  boolean isStarted() {
    return started;
  }

  long inFlight() {
    return requests.getCurrentRequestCount();
  }
}
