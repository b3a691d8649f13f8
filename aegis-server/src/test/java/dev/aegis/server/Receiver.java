package dev.aegis.server;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real webhook receiver on loopback (the JDK's HTTP server): it records every request, answers 500 to the first
 * {@code failFirst} of them and 204 to the rest, and can be made to stall.
 */
final class Receiver implements AutoCloseable {
  static final String PATH = "/hooks/aegis";

  /** One request as received: headers by lower-case name, and the raw body. */
  record Request(Map<String, String> headers, byte[] body, int answered) {
    String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }

    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  private final HttpServer server;
  private final AtomicInteger failuresLeft;
  private final AtomicInteger stallsLeft = new AtomicInteger();
  private final List<Request> requests = new CopyOnWriteArrayList<>();

  private Receiver(HttpServer server, int failFirst) {
    this.server = server;
    this.failuresLeft = new AtomicInteger(failFirst);
  }

  static Receiver start(int failFirst) {
    return start(0, failFirst);
  }

  /** Starts on a given loopback port (0 for any free one). */
  static Receiver start(int port, int failFirst) {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
      Receiver receiver = new Receiver(server, failFirst);
      server.createContext("/", exchange -> {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
          body = in.readAllBytes();
        }
        Map<String, String> headers = new TreeMap<>();
        exchange.getRequestHeaders().forEach((name, values) ->
            headers.put(name.toLowerCase(Locale.ROOT), String.join(",", values)));
        if (receiver.stallsLeft.getAndDecrement() > 0) {
          try {
            Thread.sleep(3_000); // longer than the sender waits: it gives up first
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
        int status = receiver.failuresLeft.getAndDecrement() > 0 ? 500 : 204;
        receiver.requests.add(new Request(headers, body, status));
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
      });
      server.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
      server.start();
      return receiver;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Makes the next {@code count} requests wait three seconds before they are answered. */
  Receiver stall(int count) {
    stallsLeft.set(count);
    return this;
  }

  /** A loopback port nothing listens on right now. */
  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String urlAt(int port) {
    return "http://127.0.0.1:" + port + PATH;
  }

  String url() {
    return urlAt(server.getAddress().getPort());
  }

  List<Request> requests() {
    return List.copyOf(requests);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
