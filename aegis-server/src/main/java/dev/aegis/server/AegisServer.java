package dev.aegis.server;

import dev.aegis.server.config.AegisConfig;
import java.net.URI;

/** A running control plane: the HTTP server and the store behind it. Closing it drains requests, then the store. */
public final class AegisServer implements AutoCloseable {
  private AegisServer() {}

  /** Opens (and migrates) the store, makes or reads the admin key, and starts serving. */
  public static AegisServer start(AegisConfig config) {
    throw new UnsupportedOperationException("being written");
  }

  /** The port actually bound (useful when the config asked for port 0). */
  public int port() {
    throw new UnsupportedOperationException("being written");
  }

  /** Such as {@code http://127.0.0.1:4318}. */
  public URI baseUri() {
    throw new UnsupportedOperationException("being written");
  }

  /** The bootstrap admin key this server accepts (from configuration or the generated key file). */
  public String adminKey() {
    throw new UnsupportedOperationException("being written");
  }

  /** Blocks until the server stops. */
  public void join() throws InterruptedException {
    throw new UnsupportedOperationException("being written");
  }

  /** Stops accepting, drains in-flight requests (bounded by the drain timeout), then closes the store. */
  @Override
  public void close() {
    throw new UnsupportedOperationException("being written");
  }
}
